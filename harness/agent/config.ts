import { z } from 'zod';
import { ModelScript } from '../world/script.js';
import { HostSpec } from '../world/services.js';
import { Category } from '../scenario/schema.js';
import { AgentFault, restartsRuntime } from './faults.js';
import { AGENT_RUNTIME_NAMES } from './runtime.js';
import { Policy } from '../policy/schema.js';

// agentcheck.config.ts: how to start and drive an unmodified agent, the hosts it
// calls, and the scenarios to run it through (docs/your-agent.md).

/** An HTTP call to the agent's own app. Strings may hold {port}, {runId}, {principal}, {decision}; "{approved}" alone becomes a boolean. */
const AppCall = z
  .object({
    method: z.enum(['POST', 'PUT', 'PATCH', 'GET']).default('POST'),
    url: z.string().min(1),
    body: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

/**
 * A person's decision, delivered once the model's turn `afterTurn` was answered. `none`: the
 * person never answers, so the agent's own deadline for it runs out (decision 0107).
 */
const Approval = z
  .object({
    afterTurn: z.number().int().positive(),
    decision: z.enum(['approve', 'reject', 'none']),
    /**
     * The decision delivered twice, as a double-clicked button: `true` (or spacingMs 0) sends both at
     * once, `{ spacingMs }` the second that long after the first; each try of a person's is doubled (decision 0086).
     */
    twice: z
      .union([z.literal(true), z.object({ spacingMs: z.number().int().min(0).max(10_000) }).strict()], { error: 'expected true (both at once) or { spacingMs } (0 to 10000 ms apart)' }).transform((t) => (t === true ? { spacingMs: 0 } : t)).optional(),
  })
  .strict()
  .refine((a) => !(a.decision === 'none' && a.twice), { path: ['twice'], message: 'a decision nobody sends (none) cannot be sent twice' });
export type AgentApproval = z.infer<typeof Approval>;

export const AgentScenario = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case name'),
    model: ModelScript,
    /** A person's decision, delivered once the model's turn `afterTurn` was answered. */
    approval: Approval.optional(),
    /** Several decisions in one run, each after its own turn, in the order of their turns (decision 0106). */
    approvals: z.array(Approval).min(1, 'expected at least one approval').optional(),
    faults: z.array(AgentFault).default([]),
    /** How long the run may take, faults and recovery included. */
    timeoutMs: z.number().int().positive().default(30_000),
    /** Where the scorecard counts it; by default from its faults and approval (docs/your-agent.md). */
    category: Category.optional(),
  })
  .strict();
export type AgentScenario = z.infer<typeof AgentScenario>;

/** A scenario's decisions in the order of their turns: `approvals`, or the one `approval`, or none. */
export const approvalsOf = (s: Pick<AgentScenario, 'approval' | 'approvals'>): AgentApproval[] => s.approvals ?? (s.approval ? [s.approval] : []);

/** A process of the agent's: how to start it and how to tell it is up. */
const Process = z
  .object({
    /** A shell command; `node` in it is the Node agentcheck runs on. */
    command: z.string().min(1),
    cwd: z.string().optional(),
    env: z.record(z.string(), z.string()).default({}),
    /** Polled until it answers at all: the process is up. */
    readyUrl: z.string().min(1).optional(),
    /** Or: a line of its output containing this text. */
    readyLine: z.string().min(1).optional(),
    /** How long a start may take (a Temporal worker bundles its workflows first). */
    readyTimeoutMs: z.number().int().positive().default(60_000),
  })
  .strict()
  .refine((p) => p.readyUrl || p.readyLine, 'expected readyUrl or readyLine (how agentcheck knows it is up)');
export type AgentProcess = z.infer<typeof Process>;

export const AgentConfig = z
  .object({
    /** Where the agent calls the model and its tools: started with the interceptor, crashed by faults, started again. */
    worker: Process,
    /**
     * How the agent reaches the world. `intercept` (Node): agentcheck/intercept is preloaded into the worker.
     * `base-url` (any language): nothing is preloaded; the worker and the app get OPENAI_BASE_URL,
     * ANTHROPIC_BASE_URL and AGENTCHECK_BASE_URL_<HOST> pointing at the world (decision 0071).
     */
    access: z.enum(['intercept', 'base-url']).default('intercept'),
    /** The agent's app that starts runs, when it is a process of its own: started once, not intercepted, never crashed. */
    app: Process.optional(),
    /** Starts a run; sent with `Authorization: Bearer <principal>`. The answer's JSON field `runIdField` names the run. */
    startRun: AppCall.extend({ runIdField: z.string().default('id') }).strict(),
    decide: AppCall.optional(),
    hosts: z.record(z.string().regex(/^[a-z0-9.-]+(:\d+)?$/, 'expected a host name, e.g. api.stripe.com'), HostSpec).refine((h) => Object.keys(h).length > 0, 'declare at least one host'),
    scenarios: z.array(AgentScenario).min(1),
    /**
     * The company's rules for the agent, in every scenario: a rule's `tool` is a route
     * ("POST api.stripe.com/v1/refunds"), a needs-approval rule waits for the scenario's
     * decision; `enforce: true` has the world refuse the call with 403 (decision 0059).
     */
    policies: z.array(Policy).default([]),
    /**
     * The runtime the agent is on: agentcheck then starts its server for each case and hands the agent its
     * address (TEMPORAL_ADDRESS), `restart-runtime` faults restart it, and its record of the run is judged
     * by `audit-trail` (decisions 0104, 0105).
     */
    runtime: z.enum(AGENT_RUNTIME_NAMES, { error: `expected ${AGENT_RUNTIME_NAMES.map((n) => `'${n}'`).join(' or ')} (the runtimes agentcheck can start for your agent)` }).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (!Object.values(c.hosts).some((h) => h.model)) ctx.addIssue({ code: 'custom', path: ['hosts'], message: "no host is the model: give the model's host `model: 'openai'` or `model: 'anthropic'`" });
    c.scenarios.forEach((s, i) => {
      const field = s.approvals ? 'approvals' : 'approval';
      if (s.approval && s.approvals) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'approvals'], message: 'expected `approval` or `approvals`, not both' });
      const list = approvalsOf(s);
      if (list.some((a) => a.decision !== 'none') && !c.decide) ctx.addIssue({ code: 'custom', path: ['scenarios', i, field], message: 'a scenario with an approval needs `decide` (how to deliver the decision)' });
      list.forEach((a, j) => {
        const path = ['scenarios', i, ...(s.approvals ? ['approvals', j] : ['approval']), 'afterTurn'];
        if (a.afterTurn >= s.model.length) ctx.addIssue({ code: 'custom', path, message: `expected a turn before the last (${s.model.length})` });
        else if (j > 0 && a.afterTurn <= list[j - 1].afterTurn) ctx.addIssue({ code: 'custom', path, message: `expected a turn after the previous approval's (${list[j - 1].afterTurn}): one decision a turn, in order` });
      });
    });
  })
  // A runtime restart needs a runtime agentcheck runs (decision 0104).
  .superRefine((c, ctx) =>
    c.scenarios.forEach((s, i) =>
      s.faults.forEach((f, j) => {
        if (restartsRuntime(f) && !c.runtime) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'faults', j], message: "restart-runtime needs `runtime` (which runtime your agent is on, e.g. runtime: 'temporal')" });
      }),
    ),
  );
export type AgentConfigInput = z.input<typeof AgentConfig>;
export type AgentConfig = z.infer<typeof AgentConfig>;

/** Typed help for writing agentcheck.config.ts; the value is checked when it loads. */
export const defineConfig = (config: AgentConfigInput): AgentConfigInput => config;
