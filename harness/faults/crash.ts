import type { StopState } from '../process/stopped.js';
import { z } from 'zod';
import type { Directive } from '../ledger/server.js';
import type { Plan } from '../plan/schema.js';
import { IN_FLIGHT_MS, MID_SLEEP } from '../timing.js';
import { crashedTimerAtLeast, crashedWaitAtLeast, oneProcessFault } from './fairness.js';
import { atTimer, drawIntoSleep, drawIntoWait } from './at-timer.js';
import { CrashPoint, downtimeMs, kindsFor, sleep, step } from './common.js';
import type { Draw } from './draw.js';
import type { Moments, TimerContext, ValidateContext } from './package.js';
import type { InjectPorts } from './ports.js';

// What crash-worker and restart-runtime share: a process killed at an anchor and
// brought back after a downtime. Only the process differs (the worker, or the runtime's server).

const crashSchema = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind), step, at: CrashPoint, downtimeMs });
export type Crash = z.infer<ReturnType<typeof crashSchema<'crash-worker' | 'restart-runtime'>>>;

export const describeCrash = (f: Crash) => `${f.kind} ${f.at} ${f.step} (down ${f.downtimeMs} ms)`;

/** The parts both crash kinds share: schema, rules, description and drawn moments. */
export const crashParts = <K extends Crash['kind']>(kind: K) => ({
  kind,
  schema: crashSchema(kind),
  validate: (f: Crash, ctx: ValidateContext) => ctx.expectStep(f.step, kindsFor(f.at), `"at: ${f.at}"`),
  describe: describeCrash,
  draw: drawCrash,
  coverage: { places: CrashPoint.options, placesOf: (f: Crash) => [f.at] },
});

/** In flight for IN_FLIGHT_MS; into a wait so the human answers half a downtime later, before half the timeout; in the middle half of a sleep. */
export function drawCrash(f: Crash, rng: Draw, plan: Plan): Moments {
  if (f.at === 'during-effect') return { inFlightMs: rng.int(IN_FLIGHT_MS) };
  if (f.at === 'waiting') return { intoWaitMs: drawIntoWait(rng, plan, f.step, f.downtimeMs / 2) };
  if (f.at === 'sleeping') return { intoSleepMs: drawIntoSleep(rng, plan, f.step, MID_SLEEP) };
  return {};
}

/**
 * How exploration offers a crash kind: drawn among the crash kinds by `weight`, one
 * process fault per case, a sleep it lands in lengthened to outlast a restart (or a
 * correct runtime looks as if it doubled it), and a wait as crashedWaitAtLeast says.
 */
export const crashExplore = (weight: number) =>
  ({
    offer: 'crash',
    weight,
    unfair: oneProcessFault,
    timerAtLeast: (f: Crash, timer: TimerContext) =>
      f.at === 'sleeping' ? crashedTimerAtLeast(timer) : f.at === 'waiting' ? crashedWaitAtLeast(f.downtimeMs, timer) : undefined,
  }) as const;

/** The process a crash kills. */
export interface CrashTarget {
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** SIGSTOP the caller before an after-effect answer, resolved once it stopped (a worker; nothing for the runtime's server). */
  freeze(): Promise<StopState | undefined | void>;
  /** False when the runtime's server crashes: the worker lives on and reads the answer. */
  callerDies: boolean;
}

export function armCrash(f: Crash, moments: Moments, p: InjectPorts, target: CrashTarget): void {
  // A crash or a restart that fails leaves the case undecided: judging it would pass it without its fault.
  const failed = (what: string, err: unknown) => {
    const reason = `${describeCrash(f)}: ${what}: ${(err as Error).message}`;
    p.note('not-injected', reason);
    p.notInjected(reason);
  };
  const crash = async () => {
    try {
      await target.kill();
    } catch (err) {
      return failed('the crash failed', err);
    }
    p.track(
      sleep(f.downtimeMs).then(() => target.restart().catch((err) => failed('the restart failed', err))),
    );
  };
  const at = f.at;
  if (at === 'waiting' || at === 'sleeping') {
    return atTimer(at, f.step, moments, p, async (where) => {
      p.note('crash', where);
      await crash();
    });
  }
  let fired = false;
  p.ledger.intercept((req) => {
    if (req.stepId !== f.step || fired || req.kind === 'approval-request') return undefined;
    fired = true;
    return directive(at, moments, crash, target, p);
  });
}

function directive(at: 'before-effect' | 'during-effect' | 'after-effect', moments: Moments, crash: () => Promise<void>, target: CrashTarget, p: InjectPorts): Directive {
  switch (at) {
    case 'before-effect':
      return {
        apply: false,
        reply: 'drop',
        reason: 'the caller crashed before the effect',
        hold: async () => {
          p.note('crash', 'request received, effect not applied');
          await crash();
        },
      };
    case 'during-effect':
      return {
        apply: true,
        reply: 'ok',
        callerGone: target.callerDies,
        hold: async () => {
          await sleep(moments.inFlightMs);
          p.note('crash', `request in flight for ${moments.inFlightMs} ms; the outside world completes it anyway`);
          await crash();
        },
      };
    case 'after-effect':
      // Freeze first so the answer reaches the worker's socket but is never read,
      // then kill: the effect happened and the runtime cannot have recorded it (decision 0001).
      return {
        apply: true,
        reply: 'ok',
        callerGone: target.callerDies,
        beforeReply: async () => {
          p.note('freeze', 'effect applied; answer about to be sent');
          // Sent only once the worker has stopped: until then another of its threads can read it (decision 0117).
          const state = await target.freeze();
          if (state === 'still-running') {
            const reason = 'the worker did not stop within 2 s of SIGSTOP: the answer could not be kept from it';
            p.note('not-injected', reason);
            p.notInjected(reason);
          }
        },
        afterReply: async () => {
          p.note('crash', 'answer sent to a frozen worker');
          await crash();
        },
      };
  }
}
