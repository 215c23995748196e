import { describe, expect, it } from 'vitest';
import { AdapterTimeout, bounded } from './bounded.js';

const never = new Promise<never>(() => undefined);

describe('bounding an adapter call', () => {
  it('passes a result or an error through', async () => {
    await expect(bounded(Promise.resolve(7), 'x', { limitMs: 1000 })).resolves.toBe(7);
    await expect(bounded(Promise.reject(new Error('no')), 'x', { limitMs: 1000 })).rejects.toThrow('no');
  });

  it('gives up on a call that never returns, naming it', async () => {
    const err = await bounded(never, 'the adapter\'s close()', { limitMs: 20 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdapterTimeout);
    expect((err as Error).message).toBe('the adapter\'s close() did not return within 20 ms');
  });

  it('gives up a grace after its signal aborts, when the call ignores it', async () => {
    const ac = new AbortController();
    const p = bounded(never, 'awaitResult', { signal: ac.signal, graceMs: 10, limitMs: 60_000 });
    ac.abort();
    await expect(p).rejects.toThrow('awaitResult did not return within 10 ms of being told to stop (it ignores its abort signal)');
  });

  it('waits out the grace for a call that honours the signal late', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(bounded(new Promise((r) => setTimeout(() => r('late'), 5)), 'x', { signal: ac.signal, graceMs: 1000 })).resolves.toBe('late');
  });
});
