import { z } from 'zod';

// A company's rules for an agent, declared beside its plan (decision 0059). `enforce`
// makes the effect ledger refuse a call that would break the rule, as a gateway
// would; without it the rule is only judged afterwards from the ledger's record.

const tool = z.string().min(1);
const enforce = z.boolean().default(false);

export const NeedsApproval = z.strictObject({
  rule: z.literal('needs-approval'),
  /** The write tool that may only run once a human approved `approval` in the same run. */
  tool,
  /** The approval step whose approve decision must come first. */
  approval: z.string().min(1),
  enforce,
});

export const ForbiddenTool = z.strictObject({
  rule: z.literal('forbidden-tool'),
  /** A tool this agent may not call at all. */
  tool,
  enforce,
});

export const TokenBudget = z.strictObject({
  rule: z.literal('token-budget'),
  /** Model tokens one run may spend, every re-run call counted: a replayed model call costs real money. */
  tokens: z.number().int().positive(),
  enforce,
});

export const CallBudget = z.strictObject({
  rule: z.literal('call-budget'),
  tool,
  /** Calls of `tool` that may take effect in one run, repeats included (a deduplicated repeat did nothing and is free). */
  calls: z.number().int().positive(),
  enforce,
});

export const Policy = z.discriminatedUnion('rule', [NeedsApproval, ForbiddenTool, TokenBudget, CallBudget]);
export type Policy = z.infer<typeof Policy>;
export type PolicyInput = z.input<typeof Policy>;

/** "needs-approval payments.refund after approve-refund", for evidence and reports. */
export function describePolicy(p: Policy): string {
  const enforced = p.enforce ? ' (enforced)' : '';
  switch (p.rule) {
    case 'needs-approval':
      return `needs-approval: ${p.tool} only after ${p.approval} is approved${enforced}`;
    case 'forbidden-tool':
      return `forbidden-tool: ${p.tool}${enforced}`;
    case 'token-budget':
      return `token-budget: ${p.tokens} tokens per run${enforced}`;
    case 'call-budget':
      return `call-budget: ${p.calls} call(s) of ${p.tool} per run${enforced}`;
  }
}
