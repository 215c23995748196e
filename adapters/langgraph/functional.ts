import { entrypoint, interrupt, task, type BaseCheckpointSaver, type LangGraphRunnableConfig } from '@langchain/langgraph';
import { type LedgerAddress, sleep } from '../../harness/kit.js';
import { allSteps, type ApprovalStep, executePlan, isEffectStep, type Plan, type RunOutput, type SleepStep, sortOutput, type Step } from '../../harness/plan/index.js';
import type { Agent, Interpreter } from './app.js';
import { pendingApprovals } from './app.js';
import { finished } from './interpreters.js';
import { callStep, requestApproval, RETRY, toDecision, type Answer } from './steps.js';

// The functional-API interpreter: the plan walked as ordinary code in an entrypoint,
// every call to the outside world a task, as LangGraph's functional API docs teach.
// A finished task's result is saved and returned again on resume; code outside tasks
// (the walk itself, interrupt(), the sleep's wait) runs again on every resume. An
// approval's request and a sleep's wake-up time are tasks too, so that they are not
// sent or reset again on resume.

type EffectStep = Extract<Step, { kind: 'llm' | 'tool' }>;

export function buildEntrypoint(plan: Plan, checkpointer: BaseCheckpointSaver, ledger: LedgerAddress): Interpreter {
  const steps = allSteps(plan);
  const effects = new Map(
    steps.filter(isEffectStep).map((s: EffectStep) => [s.id, task<[string], Promise<string>>({ name: s.id, retry: RETRY }, (runId: string) => callStep(ledger, runId, s))] as const),
  );
  const asks = new Map(
    steps
      .filter((s): s is ApprovalStep => s.kind === 'approval')
      .map((s) => [s.id, task<[string], Promise<number>>({ name: `ask/${s.id}`, retry: RETRY }, async (runId: string) => (await requestApproval(ledger, runId, s), Date.now() + s.timeoutMs))] as const),
  );
  const timers = new Map(
    steps.filter((s): s is SleepStep => s.kind === 'sleep').map((s) => [s.id, task<[], Promise<number>>(`timer/${s.id}`, async () => Date.now() + s.ms)] as const),
  );

  const agent = entrypoint({ name: 'agent', checkpointer }, async (_input: Record<string, never>, config: LangGraphRunnableConfig): Promise<RunOutput> => {
    const runId = String(config.configurable?.thread_id);
    return executePlan(plan, {
      effect: async (step) => await effects.get(step.id)!(runId),
      approval: async (step) => {
        const deadline = await asks.get(step.id)!(runId);
        return toDecision(interrupt({ step: step.id, deadline }) as Answer);
      },
      sleep: async (step) => {
        const wakeAt = await timers.get(step.id)!();
        await sleep(Math.max(0, wakeAt - Date.now()));
      },
    });
  });

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
