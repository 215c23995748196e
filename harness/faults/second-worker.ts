import fc from 'fast-check';
import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import { allSteps } from '../plan/walk.js';
import { EXPLORE_TIMING, HUMAN_REACTION_MS, SECOND_WORKER_MID_SLEEP } from '../timing.js';
import { atTimer, drawIntoSleep, drawIntoWait } from './at-timer.js';
import { CrashPoint, kindsFor, sleep, step } from './common.js';
import { oneProcessFault } from './fairness.js';
import type { FaultPackage, Moments } from './package.js';

/**
 * A second worker starts beside the first (a rolling deploy, a zombie), which is
 * killed overlapMs later. With pauseFirstMs, the first is frozen (SIGSTOP) as the
 * second starts and goes on (SIGCONT) that much later: a GC pause or a stalled VM
 * that outlasts any lease, after which the zombie acts on what it believed.
 */
const schema = z.strictObject({
  kind: z.literal('second-worker'),
  step,
  at: CrashPoint,
  overlapMs: durationMs().default(1000),
  pauseFirstMs: durationMs().default(0),
});
export type SecondWorker = z.infer<typeof schema>;

export const secondWorker = {
  kind: 'second-worker',
  schema,
  validate(f, ctx) {
    ctx.expectStep(f.step, kindsFor(f.at), `"at: ${f.at}"`);
    if (f.pauseFirstMs > 0 && f.overlapMs <= f.pauseFirstMs) {
      ctx.issue(['overlapMs'], `must be longer than pauseFirstMs (${f.pauseFirstMs}): the first worker is killed overlapMs after the second starts, so it would never wake from its pause`);
    }
  },
  describe: (f) => `second-worker ${f.at} ${f.step} (the first ${f.pauseFirstMs ? `frozen ${f.pauseFirstMs} ms, ` : ''}lives ${f.overlapMs} ms more)`,
  // Into a wait as a crash would (the human answers once it is up); in a sleep no later than its middle, so the sleep still runs once it is up.
  draw(f, rng, plan): Moments {
    if (f.at === 'waiting') return { intoWaitMs: drawIntoWait(rng, plan, f.step, HUMAN_REACTION_MS) };
    if (f.at === 'sleeping') return { intoSleepMs: drawIntoSleep(rng, plan, f.step, SECOND_WORKER_MID_SLEEP) };
    return {};
  },
  inject(f, moments, p) {
    const describe = secondWorker.describe(f);
    const start = async (where: string) => {
      p.note('second-worker', where);
      const first = p.workers.current;
      if (f.pauseFirstMs > 0 && first) {
        // Frozen before the second starts: the stalled worker everybody gave up on.
        p.workers.freeze(first, `stalled for ${f.pauseFirstMs} ms as a second worker starts`);
        p.track(sleep(f.pauseFirstMs).then(() => p.workers.thaw(first, 'goes on from where it stopped')));
      }
      let old;
      try {
        old = await p.workers.startBeside();
      } catch (err) {
        // Judging the run as if two workers had raced would be a pass for the wrong reason.
        p.note('second-worker-failed', (err as Error).message);
        p.notInjected(`second-worker ${where}: the second worker did not start: ${(err as Error).message}`);
        return;
      }
      // A first worker that gave up waiting on the held call (its timeout) may have finished
      // the run while the second was starting: then nothing ran beside it.
      if (p.runFinished()) p.notInjected(`second-worker ${where}: the run had finished before the second worker was up: nothing ran beside it`);
      p.secondWorkerUp(f.step);
      p.track(
        (async () => {
          // Killed overlapMs later, or as soon as the runs are over and it said it is idle:
          // then it can do nothing more, and waiting would only slow the case (decision 0050).
          const until = Date.now() + f.overlapMs;
          while (Date.now() < until && !(old && p.runFinished() && p.workers.idle(old))) await sleep(Math.min(10, until - Date.now()));
          if (old) await p.workers.retire(old, describe);
        })(),
      );
    };
    const at = f.at;
    if (at === 'waiting' || at === 'sleeping') return atTimer(at, f.step, moments, p, start);
    // Settles once the second worker is up (or could not start).
    let starting: Promise<void> | undefined;
    let up = false;
    p.ledger.intercept((req) => {
      if (req.stepId !== f.step || up || req.kind === 'approval-request') return undefined;
      if (starting) {
        // The first worker's retry of the held call (its client gave up waiting): held too,
        // so it cannot finish the run before the second worker is up. The fault needs the
        // step in flight, and the harness holds what it controls rather than race a slow start.
        return { apply: true, reply: 'ok', hold: () => starting! };
      }
      starting = start(`at ${at} of ${f.step}`).finally(() => (up = true));
      // The outside world answers as usual: only the worker count changes.
      return { apply: at !== 'before-effect', reply: at === 'before-effect' ? 'error' : 'ok', hold: () => starting! };
    });
  },
  // At a wait, the human answers once both workers are up, so two answers can reach two processes.
  answer: (f, _moments, h) => (f.at === 'waiting' ? { when: { precedence: 2, at: () => h.secondWorkerUp(f.step).then(() => sleep(HUMAN_REACTION_MS)) } } : {}),
  oracle: {},
  explore: {
    offer: 'process',
    // Rarer than a crash, so adding it kept crashes the most common fault they were.
    weight: 2,
    /**
     * At an effect anchor, one time in three a zombie: the first worker frozen past any
     * lease (400–1200 ms) as the second starts, then woken with 1.5 s to act before it is
     * killed. Shrinking goes to the plain second worker first. Not at a timer: a frozen
     * worker holding a run there would stretch the timer itself.
     */
    arbitrary(anchor, zombies) {
      // Long enough that both workers run a while; short enough that the first dies within the case.
      const plain = fc.record({ kind: fc.constant('second-worker' as const), ...anchor, overlapMs: fc.integer({ min: 300, max: 1500 }), pauseFirstMs: fc.constant(0) });
      if (!zombies) return plain as fc.Arbitrary<SecondWorker>;
      const zombie = fc
        .record({ kind: fc.constant('second-worker' as const), ...anchor, pauseFirstMs: fc.integer({ min: 400, max: 1200 }) })
        .map((z) => ({ ...z, overlapMs: z.pauseFirstMs + 1500 }));
      return fc.oneof({ weight: 2, arbitrary: plain }, { weight: 1, arbitrary: zombie }) as fc.Arbitrary<SecondWorker>;
    },
    unfair(f, kept) {
      // An early answer ends the wait at once: a second worker inside it would find the run done.
      if (f.at === 'waiting' && kept.some((x) => x.kind === 'approve-early' && x.step === f.step)) return 'an early approval ends this wait at once';
      return oneProcessFault(f, kept);
    },
    // Beside a parallel branch the pause can catch a request half sent, which goes out on
    // waking after the lease check it passed; only the outside world could fence that
    // (decision 0007), so it is a plain second worker there.
    adapt: (f, plan) => (f.pauseFirstMs > 0 && allSteps(plan).some((s) => s.kind === 'parallel') ? { ...f, pauseFirstMs: 0 } : f),
    // The timer must still run once the second worker is up.
    timerAtLeast: (f) => (f.at === 'sleeping' || f.at === 'waiting' ? EXPLORE_TIMING.secondWorkerTimerMs : undefined),
  },
  category: (f) => (f.at === 'sleeping' ? 'timers' : f.at === 'waiting' ? 'approvals' : 'crash-recovery'),
  // Which worker acts: the first one frozen past its lease and woken (a zombie) is a place of its own.
  coverage: { places: [...CrashPoint.options, 'paused-first'], placesOf: (f) => [f.at, ...(f.pauseFirstMs > 0 ? ['paused-first'] : [])] },
} satisfies FaultPackage<'second-worker', SecondWorker>;
