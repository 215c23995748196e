import { z } from 'zod';
import { Plan, type Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import { Fault, packageOf } from '../faults/registry.js';

export const Category = z.enum([
  'crash-recovery',
  'effect-safety',
  'step-replay',
  'approvals',
  'timers',
  'runtime-durability',
  'audit-trail',
]);
export type Category = z.infer<typeof Category>;

/** A plan, what the humans decide, and the faults to inject: one case per adapter and seed. */
export const Scenario = z
  .strictObject({
    /** Defaults to the path below scenarios/ for built-ins, the file name for user files. */
    id: z.string().min(1).optional(),
    category: Category,
    description: z.string().min(1),
    plan: Plan,
    /** The human's answer to each approval step; an approval left out is never answered. */
    decisions: z.record(z.string(), z.enum(['approve', 'reject'])).default({}),
    faults: z.array(Fault).default([]),
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
    s.faults.forEach((f, i) => {
      const issue = (path: string[], message: string) => ctx.addIssue({ code: 'custom', path: ['faults', i, ...path], message });
      packageOf(f).validate(f, { issue, expectStep: (id, kinds, why) => expectKind(['faults', i, 'step'], id, kinds, why), decisions: s.decisions });
    });
  });
export type Scenario = z.infer<typeof Scenario> & { id: string };
export type ScenarioInput = z.input<typeof Scenario>;

/** Identity helper so a TypeScript scenario file gets types and defaults checked. */
export function defineScenario(s: ScenarioInput): ScenarioInput {
  return s;
}
