import { entrypoint, getConfig, interrupt, task, type BaseCheckpointSaver } from '@langchain/langgraph';
import { type LedgerAddress, sleep } from '../../harness/kit.js';
import { agentResult, allSteps, type AgentStep, type ApprovalStep, executePlan, isEffectStep, type Plan, type RunOutput, type SleepStep, sortOutput, type Step } from '../../harness/plan/index.js';
import type { Agent, Interpreter } from './app.js';
import { pendingApprovals } from './app.js';
import { callerOf } from './child-run.js';
import { finished } from './interpreters.js';
import { announceChild, callStep, requestApproval, RETRY, toDecision, type Answer, type Caller } from './steps.js';

// The functional-API interpreter: the plan walked as ordinary code in an entrypoint,
// every call to the outside world a task, as LangGraph's functional API docs teach.
// A finished task's result is saved and returned again on resume; code outside tasks
// (the walk itself, interrupt(), the sleep's wait) runs again on every resume. An
// approval's request and a sleep's wake-up time are tasks too, so that they are not
// sent or reset again on resume. An agent step is a task that invokes the child's own
// entrypoint, which then runs as a subgraph in that task's checkpoint namespace
// (decision 0080).

type EffectStep = Extract<Step, { kind: 'llm' | 'tool' }>;

/** Who the running task calls as: the started run, or the child run whose entrypoint called it (namespace `…|<entrypoint>:<id>|<task>:<id>`). */
const caller = (): Caller => callerOf(getConfig(), 2);

export function buildEntrypoint(plan: Plan, checkpointer: BaseCheckpointSaver, ledger: LedgerAddress): Interpreter {
  const steps = allSteps(plan);
  const effects = new Map(
    steps.filter(isEffectStep).map((s: EffectStep) => [s.id, task<[], Promise<string>>({ name: s.id, retry: RETRY }, () => callStep(ledger, caller(), s))] as const),
  );
  const asks = new Map(
    steps
      .filter((s): s is ApprovalStep => s.kind === 'approval')
      .map((s) => [s.id, task<[], Promise<number>>({ name: `ask/${s.id}`, retry: RETRY }, async () => (await requestApproval(ledger, caller(), s), Date.now() + s.timeoutMs))] as const),
  );
  const timers = new Map(
    steps.filter((s): s is SleepStep => s.kind === 'sleep').map((s) => [s.id, task<[], Promise<number>>(`timer/${s.id}`, async () => Date.now() + s.ms)] as const),
  );
  const agentSteps = steps.filter((s): s is AgentStep => s.kind === 'agent');
  // A child's first act, a task of its own entrypoint: it tells the world it started (decision 0044).
  const announces = new Map(
    agentSteps.map((s) => [s.id, task<[], Promise<void>>({ name: `start/${s.id}`, retry: RETRY }, () => announceChild(ledger, caller() as Required<Caller>, s.id))] as const),
  );

  // Looked up when a walk reaches the step, so a child's entrypoint may call its own children.
  const agents = new Map<string, ReturnType<typeof task<[], Promise<string>>>>();
  const walk = (child: Plan, agentStep?: string) =>
    async (): Promise<RunOutput> => {
      if (agentStep) await announces.get(agentStep)!();
      return executePlan(child, {
        effect: async (step) => await effects.get(step.id)!(),
        approval: async (step) => {
          const deadline = await asks.get(step.id)!();
          return toDecision(interrupt({ step: step.id, deadline }) as Answer);
        },
        sleep: async (step) => {
          const wakeAt = await timers.get(step.id)!();
          await sleep(Math.max(0, wakeAt - Date.now()));
        },
        agent: async (step) => await agents.get(step.id)!(),
      });
    };
  for (const step of agentSteps) {
    // No checkpointer: the child's entrypoint inherits its parent's, under the task's namespace.
    const child = entrypoint({ name: step.agent }, walk({ name: step.agent, steps: step.plan.steps }, step.id));
    agents.set(step.id, task<[], Promise<string>>(step.id, async () => agentResult((await child.invoke({}, getConfig())) as RunOutput)));
  }

  const agent = entrypoint({ name: 'agent', checkpointer }, walk(plan));

  const approvalOrder = steps.filter((s) => s.kind === 'approval').map((s) => s.id);
  return {
    agent: agent as unknown as Agent,
    input: {},
    // The entrypoint keeps no state of its own to ask: an approval is decided once the
    // run finished or waits on an approval that comes after it in the plan.
    decided(snapshot, stepId) {
      if (finished(snapshot)) return true;
      const at = approvalOrder.indexOf(stepId);
      return pendingApprovals(snapshot).some((p) => approvalOrder.indexOf(p.wait.step) > at);
    },
    output: (snapshot) => (finished(snapshot) && snapshot.values ? sortOutput(snapshot.values as RunOutput) : undefined),
  };
}
