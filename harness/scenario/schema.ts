import { z } from 'zod';
import { Plan, type Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import { Fault, type CrashPoint } from './faults.js';

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
      const path = ['faults', i, 'step'];
      switch (f.kind) {
        case 'crash-worker':
        case 'restart-runtime':
        case 'second-worker':
          expectKind(path, f.step, kindsFor(f.at), `"at: ${f.at}"`);
          if (f.kind === 'second-worker' && f.pauseFirstMs > 0 && f.overlapMs <= f.pauseFirstMs) {
            ctx.addIssue({ code: 'custom', path: ['faults', i, 'overlapMs'], message: `must be longer than pauseFirstMs (${f.pauseFirstMs}): the first worker is killed overlapMs after the second starts, so it would never wake from its pause` });
          }
          break;
        case 'tool-fails':
        case 'response-lost':
          expectKind(path, f.step, ['llm', 'tool'], f.kind);
          break;
        case 'approve-twice':
        case 'approve-early':
        case 'approve-late':
          expectKind(path, f.step, ['approval'], f.kind);
          if (!s.decisions[f.step]) ctx.addIssue({ code: 'custom', path, message: `${f.kind} needs a decision for "${f.step}" under decisions` });
          break;
      }
    });
  });
export type Scenario = z.infer<typeof Scenario> & { id: string };
export type ScenarioInput = z.input<typeof Scenario>;

function kindsFor(at: CrashPoint): Step['kind'][] {
  if (at === 'waiting') return ['approval'];
  if (at === 'sleeping') return ['sleep'];
  return ['llm', 'tool'];
}

/** Identity helper so a TypeScript scenario file gets types and defaults checked. */
export function defineScenario(s: ScenarioInput): ScenarioInput {
  return s;
}
