import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import type { ApprovalStep, Plan, SleepStep, Step } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';

// Schema parts that several fault kinds share. Times are milliseconds; every anchor names a step of the plan.

export const step = z.string().min(1);
export const downtimeMs = durationMs().default(200);

/** Where, relative to a step, a crash lands. */
export const CrashPoint = z.enum([
  'before-effect', // the request reached the outside world, which never applied it
  'during-effect', // the request is in flight; the outside world applies it after the worker died
  'after-effect', // applied and answered, but the worker dies before it can record the answer
  'waiting', // the run waits for this approval
  'sleeping', // the run is inside this durable sleep
]);
export type CrashPoint = z.infer<typeof CrashPoint>;

/** The step kinds a crash point can name. */
export function kindsFor(at: CrashPoint): Step['kind'][] {
  if (at === 'waiting') return ['approval'];
  if (at === 'sleeping') return ['sleep'];
  // An agent step's call to the outside world is its child's start (`agent-start`).
  return ['llm', 'tool', 'agent'];
}

export function findApproval(plan: Plan, id: string): ApprovalStep {
  const found = allSteps(plan).find((s): s is ApprovalStep => s.kind === 'approval' && s.id === id);
  if (!found) throw new Error(`no approval step "${id}"`);
  return found;
}

export function findSleep(plan: Plan, id: string): SleepStep {
  const found = allSteps(plan).find((s): s is SleepStep => s.kind === 'sleep' && s.id === id);
  if (!found) throw new Error(`no sleep step "${id}"`);
  return found;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
