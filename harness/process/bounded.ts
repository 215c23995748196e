/** An adapter call that did not return in time: the case is undecided, not failed. */
export class AdapterTimeout extends Error {}

/**
 * Resolve or reject as `call` does, or reject with AdapterTimeout once `limitMs` pass
 * or `graceMs` after `signal` aborts, whichever comes first. The harness stops waiting
 * without the adapter's cooperation (a call that ignores its signal is abandoned, and
 * the processes behind it are killed by the case's clean-up).
 */
export function bounded<T>(call: Promise<T>, what: string, opts: { limitMs?: number; signal?: AbortSignal; graceMs?: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timers: NodeJS.Timeout[] = [];
    const done = () => {
      for (const t of timers) clearTimeout(t);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    const giveUp = (why: string) => {
      done();
      reject(new AdapterTimeout(`${what} ${why}`));
    };
    const onAbort = () => timers.push(setTimeout(() => giveUp(`did not return within ${opts.graceMs ?? 0} ms of being told to stop (it ignores its abort signal)`), opts.graceMs ?? 0));
    if (opts.limitMs !== undefined) timers.push(setTimeout(() => giveUp(`did not return within ${opts.limitMs} ms`), opts.limitMs));
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });
    call.then(
      (v) => {
        done();
        resolve(v);
      },
      (err: unknown) => {
        done();
        reject(err);
      },
    );
  });
}
