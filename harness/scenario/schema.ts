import { z } from 'zod';
import { Plan, type Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import { Fault, packageOf } from '../faults/registry.js';
import { Policy } from '../policy/schema.js';
import { predictRefusal } from '../policy/predict.js';
import { expectedDecision } from '../oracle.js';

export const Category = z.enum([
  'crash-recovery',
  'effect-safety',
  'step-replay',
  'approvals',
  'timers',
  'runtime-durability',
  'audit-trail',
  'multi-agent',
  'observability',
  'policy',
]);
export type Category = z.infer<typeof Category>;

const Decisions = z.record(z.string(), z.enum(['approve', 'reject']));

/**
 * One of several runs of the plan that a case starts at once: its humans' answers,
 * each overriding the scenario's `decisions` for that approval (docs/decisions/0038).
 */
export const RunSpec = z.strictObject({ decisions: Decisions.default({}) });

/** A plan, what the humans decide, and the faults to inject: one case per adapter and seed. */
export const Scenario = z
  .strictObject({
    /** Defaults to the path below scenarios/ for built-ins, the file name for user files. */
    id: z.string().min(1).optional(),
    category: Category,
    description: z.string().min(1),
    plan: Plan,
    /** The human's answer to each approval step; an approval left out is never answered. */
    decisions: Decisions.default({}),
    /** Runs of the plan the case starts at once, each with its own run id; one by default. */
    runs: z.array(RunSpec).min(1).max(8).default([{ decisions: {} }]),
    faults: z.array(Fault).default([]),
    /** The company's rules for this agent: judged by the `policy` property, refused by the ledger where enforced (decision 0059). */
    policies: z.array(Policy).default([]),
    /** How long the run may take once faults heal before `completes` fails. */
    deadlineMs: z.number().int().positive().optional(),
  })
  .superRefine((s, ctx) => {
    const steps = new Map(allSteps(s.plan).map((st) => [st.id, st] as const));
    const expectKind = (path: (string | number)[], id: string, kinds: Step['kind'][], why: string) => {
      const st = steps.get(id);
      if (!st) ctx.addIssue({ code: 'custom', path, message: `no step "${id}" in the plan (steps: ${[...steps.keys()].join(', ')})` });
      else if (!kinds.includes(st.kind)) ctx.addIssue({ code: 'custom', path, message: `step "${id}" is a ${st.kind} step; ${why} needs a ${kinds.join(' or ')} step` });
    };
    for (const id of Object.keys(s.decisions)) expectKind(['decisions', id], id, ['approval'], 'a decision');
    s.runs.forEach((r, i) => {
      for (const id of Object.keys(r.decisions)) expectKind(['runs', i, 'decisions', id], id, ['approval'], 'a decision');
    });
    // A fault on an approval changes how every run's human answers it, so every run must answer it.
    const perRun = runDecisions(s);
    const answeredByEveryRun = Object.fromEntries(Object.entries(perRun[0]).filter(([id]) => perRun.every((d) => d[id])));
    s.faults.forEach((f, i) => {
      const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path: ['faults', i, ...path], message });
      packageOf(f).validate(f, { issue, expectStep: (id, kinds, why) => expectKind(['faults', i, 'step'], id, kinds, why), decisions: answeredByEveryRun });
    });
    s.policies.forEach((p, i) => {
      if (p.rule === 'needs-approval') expectKind(['policies', i, 'approval'], p.approval, ['approval'], 'a needs-approval rule');
    });
    // What a run does after a refused call inside parallel branches or a child agent is not one line yet (decision 0060).
    for (const decisions of perRun) {
      const refusal = predictRefusal(s.plan, s.policies, (id) => expectedDecision({ ...s, id: '' }, id, decisions));
      if (refusal?.nested) ctx.addIssue({ code: 'custom', path: ['policies', refusal.index], message: `this enforced rule refuses step "${refusal.step}", which is inside a parallel branch or an agent's plan; an enforced refusal must fall on a step of the plan's own line (or an approval's branch)` });
    }
  });
export type Scenario = z.infer<typeof Scenario> & { id: string };
export type ScenarioInput = z.input<typeof Scenario>;

/** What each run's humans decide, in run order: the scenario's decisions, with the run's own over them. */
export function runDecisions(s: Pick<Scenario, 'decisions' | 'runs'>): Record<string, 'approve' | 'reject'>[] {
  return (s.runs ?? [{ decisions: {} }]).map((r) => ({ ...s.decisions, ...r.decisions }));
}

/** Identity helper so a TypeScript scenario file gets types and defaults checked. */
export function defineScenario(s: ScenarioInput): ScenarioInput {
  return s;
}
