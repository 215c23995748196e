import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Directive, Interceptor } from '../ledger/server.js';
import type { LedgerEvent } from '../ledger/events.js';
import { Plan } from '../plan/schema.js';
import { Scenario } from '../scenario/schema.js';
import { coverageModel } from './coverage.js';
import { drawFor } from './draw.js';
import type { HumanPorts, InjectPorts } from './ports.js';
import { Fault, packageOf, type FaultInput } from './registry.js';
import { defaultFaultKinds, parseFaultKinds, supportedFaultKinds } from '../explore/options.js';

const plan = Plan.parse({
  name: 'p',
  steps: [
    { kind: 'tool', id: 'charge', tool: 'payments.charge', mode: 'write' },
    { kind: 'sleep', id: 'pause', ms: 1200 },
    { kind: 'approval', id: 'approve', timeoutMs: 8000 },
  ],
});
const fault = (f: FaultInput) => Fault.parse(f);

/** Ports that log what the stall does to the worker, with the requests it intercepts. */
function ports(o: { noWorker?: boolean } = {}) {
  const current = o.noWorker ? undefined : 'worker-1';
  const log: string[] = [];
  const interceptors: Interceptor[] = [];
  const tracked: Promise<unknown>[] = [];
  let asked: (e: LedgerEvent) => void = () => undefined;
  const p: InjectPorts = {
    ledger: { intercept: (fn) => interceptors.push(fn), waitFor: () => new Promise((r) => (asked = r)) },
    workers: {
      current,
      crash: async () => void log.push('crash'),
      restartAfter: () => void log.push('restart'),
      freeze: async (w, detail) => void log.push(`freeze ${String(w)}: ${detail}`),
      thaw: (w) => void log.push(`thaw ${String(w)}`),
      startBeside: async () => void log.push('second worker'),
      retire: async () => undefined,
      idle: () => false,
      until: async () => undefined,
    },
    plan,
    runStarted: Promise.resolve(Date.now()),
    note: (action, detail) => void log.push(`note ${action}${detail ? `: ${detail}` : ''}`),
    track: (t) => void tracked.push(t),
    notInjected: (r) => void log.push(`not injected: ${r}`),
    secondWorkerUp: () => undefined,
    runFinished: () => false,
    startRunAgain: async () => undefined,
  };
  const askedAt = (receivedAt: number) => asked({ runId: 'r', stepId: 'approve', kind: 'approval-request', seq: 1, attempt: 1, outcome: 'applied', receivedAt, finishedAt: receivedAt } as LedgerEvent);
  return { p, log, interceptors, tracked, askedAt };
}

describe('stall-worker', () => {
  afterEach(() => void vi.useRealTimers());

  it('freezes the worker holding the run at the anchor, thaws the same worker stallMs later, and starts or kills nothing', async () => {
    vi.useFakeTimers();
    const { p, log, tracked, askedAt } = ports();
    const f = fault({ kind: 'stall-worker', step: 'approve', at: 'waiting', stallMs: 3000 });
    packageOf(f).inject!(f, { intoWaitMs: 500 }, p);
    askedAt(Date.now());
    await vi.advanceTimersByTimeAsync(499);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(log).toEqual(['freeze worker-1: stalled 500 ms into the wait for approve for 3000 ms']);
    await vi.advanceTimersByTimeAsync(2998);
    expect(log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(log).toEqual(['freeze worker-1: stalled 500 ms into the wait for approve for 3000 ms', 'thaw worker-1']);
    // The case waits for the thaw before it ends.
    expect(tracked.length).toBeGreaterThan(0);
    await Promise.all(tracked);
  });

  it('after an effect: the outside world applies it and answers into the frozen worker, which goes on stallMs later', async () => {
    vi.useFakeTimers();
    const { p, log, interceptors } = ports();
    const f = fault({ kind: 'stall-worker', step: 'charge', at: 'after-effect', stallMs: 1000 });
    packageOf(f).inject!(f, {}, p);
    // Only the step's own call, and only its first.
    expect(interceptors[0]!({ runId: 'r', stepId: 'other', kind: 'tool', pid: 1 }, 1)).toBeUndefined();
    const d = interceptors[0]!({ runId: 'r', stepId: 'charge', kind: 'tool', pid: 1 }, 1) as Directive;
    expect(d).toMatchObject({ apply: true, reply: 'ok' });
    expect(interceptors[0]!({ runId: 'r', stepId: 'charge', kind: 'tool', pid: 1 }, 2)).toBeUndefined();
    await d.beforeReply!();
    expect(log).toEqual(['freeze worker-1: stalled with the answer for charge on its way for 1000 ms']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(log.at(-1)).toBe('thaw worker-1');
  });

  it('with no worker running at the anchor, the case is undecided rather than judged without its fault', async () => {
    vi.useFakeTimers();
    const { p, log, askedAt } = ports({ noWorker: true });
    const f = fault({ kind: 'stall-worker', step: 'pause', at: 'sleeping' });
    packageOf(f).inject!(f, { intoSleepMs: 400 }, p);
    // The sleep begins when the charge before it is answered.
    askedAt(Date.now());
    await vi.advanceTimersByTimeAsync(500);
    expect(log.some((l) => l.startsWith('not injected: stall-worker sleeping pause (frozen 2000 ms): no worker was running'))).toBe(true);
    expect(log.some((l) => l.startsWith('freeze'))).toBe(false);
  });

  it('lets the human answer halfway through a stall in the wait, and draws the stall so that answer comes before half the timeout', async () => {
    vi.useFakeTimers();
    const f = fault({ kind: 'stall-worker', step: 'approve', at: 'waiting', stallMs: 3000 });
    for (let seed = 0; seed < 100; seed++) {
      const { intoWaitMs } = packageOf(f).draw(f, drawFor(seed, 'case', 0), plan);
      expect(intoWaitMs! + 1500).toBeLessThanOrEqual(8000 / 2);
    }
    const h = { plan, started: Promise.resolve(0), asked: async () => ({ receivedAt: Date.now() }) as LedgerEvent } as unknown as HumanPorts;
    const answer = packageOf(f).answer!(f, { intoWaitMs: 500 }, h);
    let answered = false;
    void answer.when!.at().then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(1999);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(answered).toBe(true);
    // Elsewhere than a wait the human answers as usual.
    expect(packageOf(fault({ kind: 'stall-worker', step: 'pause', at: 'sleeping' })).answer!(fault({ kind: 'stall-worker', step: 'pause', at: 'sleeping' }), {}, h)).toEqual({});
  });

  it('is refused at an anchor of the wrong kind, and where it cannot strike', () => {
    const base = { id: 's', category: 'approvals', description: 'd', plan: plan, decisions: { approve: 'approve' } };
    expect(Scenario.safeParse({ ...base, faults: [{ kind: 'stall-worker', step: 'approve', at: 'waiting' }] }).success).toBe(true);
    expect(Scenario.safeParse({ ...base, faults: [{ kind: 'stall-worker', step: 'charge', at: 'waiting' }] }).success).toBe(false);
    expect(Scenario.safeParse({ ...base, faults: [{ kind: 'stall-worker', step: 'charge', at: 'before-effect' }] }).success).toBe(false);
  });

  it('is in the suite coverage as a process fault, and not generated by explore, which says why when asked for it', () => {
    const adapter = { lacks: {} };
    expect(supportedFaultKinds(adapter)).toContain('stall-worker');
    expect(defaultFaultKinds(adapter)).not.toContain('stall-worker');
    expect(() => parseFaultKinds('crash-worker,stall-worker')).toThrow(/"stall-worker" is not generated by explore yet \(decision 0102\): name it in a scenario file; choose from crash-worker,/);
    const model = coverageModel({ faultKinds: ['stall-worker'] });
    expect(model.find((a) => a.id === 'faults')!.rows).toEqual([{ id: 'stall-worker', cells: ['after-effect', 'waiting', 'sleeping'].map((place) => ({ place, cases: 0 })) }]);
    expect(model.find((a) => a.id === 'struck')!.rows.map((r) => r.id)).toEqual(['process']);
  });
});
