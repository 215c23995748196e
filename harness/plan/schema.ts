import { z } from 'zod';
import { durationMs } from './duration.js';

// An agent plan is data: every runtime's interpreter executes the same plan, and the
// oracle derives the expected output and effects from it alone.

const stepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'a step id of letters, digits, ".", "_" or "-"');

export const LlmStep = z.strictObject({
  kind: z.literal('llm'),
  id: stepId,
  /** What the call costs; re-running it wastes this many tokens. */
  tokens: z.number().int().nonnegative().max(1_000_000_000).default(1000),
  /** How long the model takes to answer (the ledger holds the request that long). */
  latencyMs: durationMs().default(0),
  prompt: z.string().optional(),
});

export const ToolStep = z.strictObject({
  kind: z.literal('tool'),
  id: stepId,
  tool: z.string().min(1),
  /** read tools may repeat; write tools must take effect exactly once. */
  mode: z.enum(['read', 'write']),
  latencyMs: durationMs().default(0),
  input: z.record(z.string(), z.unknown()).optional(),
});

export const SleepStep = z.strictObject({
  kind: z.literal('sleep'),
  id: stepId,
  ms: durationMs(1),
});

export type Step = LlmStep | ToolStep | SleepStep | ApprovalStep | ParallelStep | AgentStep;
export type LlmStep = z.infer<typeof LlmStep>;
export type ToolStep = z.infer<typeof ToolStep>;
export type SleepStep = z.infer<typeof SleepStep>;
export interface ApprovalStep {
  kind: 'approval';
  id: string;
  /** How long the run waits for a human before it takes the on-timeout path. */
  timeoutMs: number;
  onTimeout: 'approve' | 'reject';
  approved: Step[];
  rejected: Step[];
}
export interface ParallelStep {
  kind: 'parallel';
  id: string;
  branches: Step[][];
}
/** Another agent's run, started by this step with its own plan; its output is this step's result. */
export interface AgentStep {
  kind: 'agent';
  id: string;
  /** Which agent (a name, as a team would call its billing agent). */
  agent: string;
  plan: { steps: Step[] };
}

export const Step: z.ZodType<Step, any> = z.lazy(() =>
  z.discriminatedUnion('kind', [LlmStep, ToolStep, SleepStep, ApprovalStep, ParallelStep, AgentStep]),
);

export const ApprovalStep = z.strictObject({
  kind: z.literal('approval'),
  id: stepId,
  timeoutMs: durationMs(1),
  onTimeout: z.enum(['approve', 'reject']).default('reject'),
  approved: z.array(z.lazy(() => Step)).default([]),
  rejected: z.array(z.lazy(() => Step)).default([]),
});

export const ParallelStep = z.strictObject({
  kind: z.literal('parallel'),
  id: stepId,
  branches: z.array(z.array(z.lazy(() => Step)).min(1)).min(2),
});

/** How deep agents may call agents: a child's child's child at most, so a plan stays readable and a case bounded. */
export const MAX_AGENT_DEPTH = 3;

export const AgentStep = z.strictObject({
  kind: z.literal('agent'),
  id: stepId,
  agent: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'an agent name of letters, digits, ".", "_" or "-"'),
  plan: z.strictObject({ steps: z.array(z.lazy(() => Step)).min(1) }),
});

export const Plan = z
  .strictObject({
    name: z.string().min(1),
    steps: z.array(Step).min(1),
  })
  .superRefine((plan, ctx) => {
    const seen = new Map<string, string>();
    const visit = (steps: Step[], path: (string | number)[]) => {
      steps.forEach((step, i) => {
        const here = [...path, i];
        const prior = seen.get(step.id);
        if (prior !== undefined) {
          ctx.addIssue({ code: 'custom', path: [...here, 'id'], message: `step id "${step.id}" is used twice (first at plan.${prior}); ids must be unique` });
        }
        seen.set(step.id, here.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1));
        if (step.kind === 'approval') {
          visit(step.approved, [...here, 'approved']);
          visit(step.rejected, [...here, 'rejected']);
        }
        if (step.kind === 'parallel') step.branches.forEach((b, j) => visit(b, [...here, 'branches', j]));
        if (step.kind === 'agent') {
          const depth = here.filter((p) => p === 'plan').length + 1;
          if (depth > MAX_AGENT_DEPTH) ctx.addIssue({ code: 'custom', path: [...here, 'plan'], message: `agents nest at most ${MAX_AGENT_DEPTH} deep (this one is ${depth} deep)` });
          visit(step.plan.steps, [...here, 'plan', 'steps']);
        }
      });
    };
    visit(plan.steps, ['steps']);
  });
export type Plan = z.infer<typeof Plan>;
/** A plan as authors write it: defaults may be left out. */
export type PlanInput = z.input<typeof Plan>;

