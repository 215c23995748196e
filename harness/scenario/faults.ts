import { z } from 'zod';

// A fault is something the harness does to the system under test at an anchor in
// the plan. Times are milliseconds; every anchor names a step of the plan.

const step = z.string().min(1);
const downtimeMs = z.number().int().nonnegative().default(200);

/** Where, relative to a step, a crash lands. */
export const CrashPoint = z.enum([
  'before-effect', // the request reached the outside world, which never applied it
  'during-effect', // the request is in flight; the outside world applies it after the worker died
  'after-effect', // applied and answered, but the worker dies before it can record the answer
  'waiting', // the run waits for this approval
  'sleeping', // the run is inside this durable sleep
]);
export type CrashPoint = z.infer<typeof CrashPoint>;

export const CrashWorker = z.strictObject({
  kind: z.literal('crash-worker'),
  step,
  at: CrashPoint,
  downtimeMs,
});

export const RestartRuntime = z.strictObject({
  kind: z.literal('restart-runtime'),
  step,
  at: CrashPoint,
  downtimeMs,
});

/**
 * A second worker starts beside the first (a rolling deploy, a zombie), which is
 * killed overlapMs later. With pauseFirstMs, the first is frozen (SIGSTOP) as the
 * second starts and goes on (SIGCONT) that much later: a GC pause or a stalled VM
 * that outlasts any lease, after which the zombie acts on what it believed.
 */
export const SecondWorker = z.strictObject({
  kind: z.literal('second-worker'),
  step,
  at: CrashPoint,
  overlapMs: z.number().int().nonnegative().default(1000),
  pauseFirstMs: z.number().int().nonnegative().default(0),
});

export const ToolFails = z.strictObject({
  kind: z.literal('tool-fails'),
  step,
  times: z.number().int().positive().default(1),
  how: z.enum(['error', 'timeout']).default('error'),
});

export const ResponseLost = z.strictObject({
  kind: z.literal('response-lost'),
  step,
});

export const DuplicateStart = z.strictObject({
  kind: z.literal('duplicate-start'),
  afterMs: z.number().int().nonnegative().default(0),
});

export const ApproveTwice = z.strictObject({
  kind: z.literal('approve-twice'),
  step,
  spacingMs: z.number().int().nonnegative().default(0),
});

export const ApproveEarly = z.strictObject({
  kind: z.literal('approve-early'),
  step,
});

export const ApproveLate = z.strictObject({
  kind: z.literal('approve-late'),
  step,
  afterTimeoutMs: z.number().int().nonnegative().default(300),
});

export const Fault = z.discriminatedUnion('kind', [
  CrashWorker,
  RestartRuntime,
  SecondWorker,
  ToolFails,
  ResponseLost,
  DuplicateStart,
  ApproveTwice,
  ApproveEarly,
  ApproveLate,
]);
export type Fault = z.infer<typeof Fault>;
export type FaultInput = z.input<typeof Fault>;
export type FaultKind = Fault['kind'];

/** One short line per fault, for reports and progress output. */
export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'crash-worker':
    case 'restart-runtime':
      return `${f.kind} ${f.at} ${f.step} (down ${f.downtimeMs} ms)`;
    case 'second-worker':
      return `second-worker ${f.at} ${f.step} (the first ${f.pauseFirstMs ? `frozen ${f.pauseFirstMs} ms, ` : ''}lives ${f.overlapMs} ms more)`;
    case 'tool-fails':
      return `tool-fails ${f.step} x${f.times} (${f.how})`;
    case 'response-lost':
      return `response-lost ${f.step}`;
    case 'duplicate-start':
      return `duplicate-start after ${f.afterMs} ms`;
    case 'approve-twice':
      return `approve-twice ${f.step} (${f.spacingMs} ms apart)`;
    case 'approve-early':
      return `approve-early ${f.step}`;
    case 'approve-late':
      return `approve-late ${f.step} (+${f.afterTimeoutMs} ms)`;
  }
}
