import type { CaseRuntime, RestartsRuntime } from '../adapter.js';
import type { Directive, Ledger } from '../ledger/server.js';
import type { Plan, SleepStep } from '../plan/schema.js';
import { allSteps } from '../plan/walk.js';
import { describeFault, type CrashPoint, type Fault } from '../scenario/faults.js';
import type { HistoryLog } from '../history.js';
import { precedingEffect } from './anchors.js';
import type { WorkerSlot } from './workers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a held request stays in flight before the crash lands on it. */
const IN_FLIGHT_MS = 30;
/**
 * How long after the run starts waiting for an approval the crash lands: past
 * RECORD_GRACE_MS, so a correct runtime has recorded the wait (and its deadline).
 */
export const INTO_WAIT_MS = 500;
/** How long a timed-out call hangs before the connection drops (longer than a client's 1 s timeout). */
const HANG_MS = 1500;

export interface FaultTargets {
  ledger: Ledger;
  workers: WorkerSlot;
  runtime: CaseRuntime & Partial<RestartsRuntime>;
  log: HistoryLog;
  plan: Plan;
  runStarted: Promise<number>;
  /** Work the case must wait for before it ends (restarts after a downtime). */
  track(p: Promise<unknown>): void;
  /** Told when a second worker is up beside the first, with the step its fault is anchored at. */
  secondWorkerUp?(step: string): void;
  /** A fault could not be injected: the case cannot be judged on it. */
  notInjected?(reason: string): void;
}

/** Install every fault of a scenario: ledger interceptors and anchored crashes. */
export function armFaults(faults: Fault[], t: FaultTargets): void {
  faults.forEach((fault, index) => {
    const note = (action: string, detail?: string) => t.log.add({ type: 'fault', at: Date.now(), fault: index, action, detail: detail ?? describeFault(fault) });
    switch (fault.kind) {
      case 'crash-worker':
      case 'restart-runtime':
        armCrash(fault, t, note);
        break;
      case 'second-worker':
        armSecondWorker(fault, t, note);
        break;
      case 'tool-fails': {
        let left = fault.times;
        t.ledger.intercept((req) => {
          if (req.stepId !== fault.step || left <= 0) return undefined;
          left--;
          note(fault.how === 'error' ? 'reply-503' : 'hang-then-drop');
          return fault.how === 'error' ? { apply: false, reply: 'error' } : { apply: false, reply: 'hang', hangMs: HANG_MS, reason: 'injected timeout' };
        });
        break;
      }
      case 'response-lost': {
        let done = false;
        t.ledger.intercept((req) => {
          if (req.stepId !== fault.step || done) return undefined;
          done = true;
          note('apply-then-drop-connection');
          return { apply: true, reply: 'drop' };
        });
        break;
      }
      // duplicate-start and the approval faults act through the client and the human: see human.ts
      default:
        break;
    }
  });
}

function armCrash(fault: Extract<Fault, { kind: 'crash-worker' | 'restart-runtime' }>, t: FaultTargets, note: (action: string, detail?: string) => void): void {
  const isRuntime = fault.kind === 'restart-runtime';
  const crash = async () => {
    if (isRuntime) {
      note('crash-runtime');
      await t.runtime.crashRuntime!();
    } else await t.workers.crash(describeFault(fault));
  };
  const heal = () =>
    t.track(
      sleep(fault.downtimeMs).then(async () => {
        if (isRuntime) {
          await t.runtime.restartRuntime!();
          note('runtime-restarted');
        } else t.workers.restartAfter(0);
      }),
    );
  const at: CrashPoint = fault.at;
  if (at === 'before-effect' || at === 'during-effect' || at === 'after-effect') {
    let fired = false;
    t.ledger.intercept((req) => {
      if (req.stepId !== fault.step || fired || req.kind === 'approval-request') return undefined;
      fired = true;
      return crashDirective(at, crash, () => (isRuntime ? undefined : t.workers.freeze()), heal, note, !isRuntime);
    });
    return;
  }
  atWait(at, fault.step, t, async (where) => {
    note('crash', where);
    await crash();
    heal();
  });
}

/** Fire 500 ms into an approval wait, or halfway through a sleep. */
function atWait(at: 'waiting' | 'sleeping', stepId: string, t: FaultTargets, fire: (where: string) => Promise<void>): void {
  if (at === 'waiting') {
    t.track(
      t.ledger.waitFor((e) => e.stepId === stepId && e.kind === 'approval-request').then(async () => {
        await sleep(INTO_WAIT_MS);
        await fire(`while waiting for ${stepId}`);
      }),
    );
    return;
  }
  // sleeping: the sleep begins when the effect before it is answered, or when the run starts
  const sleepStep = findSleep(t.plan, stepId);
  const before = precedingEffect(t.plan, stepId);
  const begun = before ? t.ledger.waitFor((e) => e.stepId === before && (e.outcome === 'applied' || e.outcome === 'deduplicated')).then((e) => e.finishedAt) : t.runStarted;
  t.track(
    begun.then(async (startedAt) => {
      await sleep(Math.max(0, startedAt + sleepStep.ms / 2 - Date.now()));
      await fire(`halfway through ${stepId}`);
    }),
  );
}

/**
 * A second worker process starts while the first still runs, as in a rolling deploy
 * or with a worker the orchestrator thinks is dead; the first is killed overlapMs
 * later. At an effect anchor the request is held until the second worker is ready.
 */
function armSecondWorker(fault: Extract<Fault, { kind: 'second-worker' }>, t: FaultTargets, note: (action: string, detail?: string) => void): void {
  const start = async (where: string) => {
    note('second-worker', where);
    const first = t.workers.current;
    if (fault.pauseFirstMs > 0 && first) {
      // Frozen before the second starts: the stalled worker everybody gave up on.
      t.workers.freeze(first, `stalled for ${fault.pauseFirstMs} ms as a second worker starts`);
      t.track(sleep(fault.pauseFirstMs).then(() => t.workers.thaw(first, 'goes on from where it stopped')));
    }
    let old;
    try {
      old = await t.workers.startBeside();
    } catch (err) {
      // Judging the run as if two workers had raced would be a pass for the wrong reason.
      note('second-worker-failed', (err as Error).message);
      t.notInjected?.(`second-worker ${where}: the second worker did not start: ${(err as Error).message}`);
      return;
    }
    // A first worker that gave up waiting on the held call (its timeout) may have finished
    // the run while the second was starting: then nothing ran beside it.
    if (t.log.events.some((e) => e.type === 'op' && e.op === 'await-result' && e.phase === 'ok')) {
      t.notInjected?.(`second-worker ${where}: the run had finished before the second worker was up: nothing ran beside it`);
    }
    t.secondWorkerUp?.(fault.step);
    t.track(
      sleep(fault.overlapMs).then(async () => {
        if (old) await t.workers.retire(old, describeFault(fault));
      }),
    );
  };
  const at = fault.at;
  if (at === 'waiting' || at === 'sleeping') return atWait(at, fault.step, t, start);
  let fired = false;
  t.ledger.intercept((req) => {
    if (req.stepId !== fault.step || fired || req.kind === 'approval-request') return undefined;
    fired = true;
    // The outside world answers as usual: only the worker count changes.
    return { apply: at !== 'before-effect', reply: at === 'before-effect' ? 'error' : 'ok', hold: () => start(`at ${at} of ${fault.step}`) };
  });
}

function crashDirective(
  at: 'before-effect' | 'during-effect' | 'after-effect',
  crash: () => Promise<void>,
  freeze: () => void,
  heal: () => void,
  note: (a: string, d?: string) => void,
  /** False when the runtime's server crashes: the worker lives on and reads the answer. */
  callerDies: boolean,
): Directive {
  switch (at) {
    case 'before-effect':
      return {
        apply: false,
        reply: 'drop',
        reason: 'the caller crashed before the effect',
        hold: async () => {
          note('crash', 'request received, effect not applied');
          await crash();
          heal();
        },
      };
    case 'during-effect':
      return {
        apply: true,
        reply: 'ok',
        callerGone: callerDies,
        hold: async () => {
          await sleep(IN_FLIGHT_MS);
          note('crash', 'request in flight; the outside world completes it anyway');
          await crash();
          heal();
        },
      };
    case 'after-effect':
      // Freeze first so the answer reaches the worker's socket but is never read,
      // then kill: the effect happened and the runtime cannot have recorded it.
      return {
        apply: true,
        reply: 'ok',
        callerGone: callerDies,
        beforeReply: async () => {
          note('freeze', 'effect applied; answer about to be sent');
          freeze();
        },
        afterReply: async () => {
          note('crash', 'answer sent to a frozen worker');
          await crash();
          heal();
        },
      };
  }
}

function findSleep(plan: Plan, id: string): SleepStep {
  const found = allSteps(plan).find((s): s is SleepStep => s.kind === 'sleep' && s.id === id);
  if (!found) throw new Error(`no sleep step "${id}"`);
  return found;
}
