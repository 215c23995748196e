import fc from 'fast-check';
import { z } from 'zod';
import { durationMs } from '../plan/duration.js';
import { allSteps } from '../plan/walk.js';
import { HUMAN_REACTION_MS, SECOND_WORKER_MID_SLEEP, ZOMBIE_TAKEOVER_WAIT_MS } from '../timing.js';
import { atTimer, drawIntoSleep, drawIntoWait } from './at-timer.js';
import { CrashPoint, kindsFor, sleep, step } from './common.js';
import { oneProcessFault, secondWorkerTimerAtLeast } from './fairness.js';
import { howTheWorkersActed } from './second-worker-acted.js';
import type { FaultPackage, Moments } from './package.js';

/**
 * A second worker starts beside the first (a rolling deploy, a zombie), which is
 * killed overlapMs later. With pauseFirstMs, the first is frozen (SIGSTOP) as the
 * second starts and goes on (SIGCONT) that much later, but only once the second
 * took over (decision 0054): a GC pause or a stalled VM that outlasts any lease,
 * after which the zombie acts on what it believed.
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
    /** `firstPid`: the first worker's, from its held call; the takeover is a call for the step from another. */
    const start = async (where: string, firstPid?: number) => {
      p.note('second-worker', where);
      const first = p.workers.current;
      let takeoverSettled: () => void = () => undefined;
      const takenOver = new Promise<void>((r) => (takeoverSettled = r));
      let thawed: Promise<void> | undefined;
      if (f.pauseFirstMs > 0 && first) {
        // Frozen before the second starts: the stalled worker everybody gave up on. It wakes
        // after its pause and not before the second worker took over (decision 0054): on a
        // loaded machine the second can take longer to start than the pause lasts.
        await p.workers.freeze(first, `stalled for ${f.pauseFirstMs} ms as a second worker starts`);
        thawed = Promise.all([sleep(f.pauseFirstMs), takenOver]).then(() => p.workers.thaw(first, 'goes on from where it stopped'));
        p.track(thawed);
      }
      let old;
      try {
        old = await p.workers.startBeside();
      } catch (err) {
        takeoverSettled();
        // Judging the run as if two workers had raced would be a pass for the wrong reason.
        p.note('second-worker-failed', (err as Error).message);
        p.notInjected(`second-worker ${where}: the second worker did not start: ${(err as Error).message}`);
        return;
      }
      // A first worker that gave up waiting on the held call (its timeout) may have finished
      // the run while the second was starting: then nothing ran beside it.
      if (p.runFinished()) p.notInjected(`second-worker ${where}: the run had finished before the second worker was up: nothing ran beside it`);
      p.secondWorkerUp(f.step);
      // The takeover: the ledger answered (or failed) the second worker's call for the step.
      // Not awaited: that call is held until this start settles.
      const answeredElsewhere = firstPid === undefined ? Promise.resolve() : p.ledger.waitFor((e) => e.stepId === f.step && e.pid !== undefined && e.pid !== firstPid);
      void Promise.race([answeredElsewhere, sleep(ZOMBIE_TAKEOVER_WAIT_MS)]).catch(() => undefined).then(takeoverSettled);
      // The first worker lives overlapMs after the second is up; a zombie, also overlapMs - pauseFirstMs after it woke.
      const retireAfter = thawed ? Promise.all([sleep(f.overlapMs), thawed.then(() => sleep(f.overlapMs - f.pauseFirstMs))]) : sleep(f.overlapMs);
      // Killed once its time is up, or as soon as the runs are over and it said it is
      // idle: then it can do nothing more, and waiting would only slow the case
      // (decision 0050). A frozen zombie is never idle until it woke and looked again.
      // Seen at the report, exit or result that makes it so (WorkerSlot.until).
      if (old) p.track(p.workers.until(() => p.runFinished() && p.workers.idle(old), retireAfter).then(() => p.workers.retire(old, describe)));
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
      starting = start(`at ${at} of ${f.step}`, req.pid).finally(() => (up = true));
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
    timerAtLeast: (f, timer) => (f.at === 'sleeping' || f.at === 'waiting' ? secondWorkerTimerAtLeast(timer) : undefined),
  },
  category: (f) => (f.at === 'sleeping' ? 'timers' : f.at === 'waiting' ? 'approvals' : 'crash-recovery'),
  // Which worker acts: the first one frozen past its lease and woken (a zombie) is a place of its own.
  coverage: { places: [...CrashPoint.options, 'paused-first'], placesOf: (f) => [f.at, ...(f.pauseFirstMs > 0 ? ['paused-first'] : [])] },
  observe: (f, index, history) => howTheWorkersActed(history, index, f.pauseFirstMs > 0),
} satisfies FaultPackage<'second-worker', SecondWorker>;
