import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRuntime } from '../adapter.js';
import { HistoryLog } from '../history.js';
import type { LedgerEvent } from '../ledger/events.js';
import type { Plan } from '../plan/schema.js';
import type { ArmedFault } from './faults.js';
import { CaseClient, scheduleHumans } from './client.js';

// The human answers HUMAN_REACTION_MS after the run asks. When the harness itself
// only gets to it after the approval's timeout (a starved process), the case is not
// the scenario's: undecided, never judged as a lost approval.

const plan = { name: 'p', steps: [{ kind: 'approval', id: 'ok-to-pay', timeoutMs: 800, onTimeout: 'reject', approved: [], rejected: [] }] } as unknown as Plan;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

async function answer(askedAgoMs: number): Promise<{ undecided: string[]; delivered: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-client-'));
  dirs.push(dir);
  let delivered = 0;
  const rt = { deliverApproval: async () => void delivered++ } as unknown as CaseRuntime;
  const undecided: string[] = [];
  const client = new CaseClient(rt, new HistoryLog(join(dir, 'history.jsonl')), 'run-1', new AbortController().signal, (r) => undecided.push(r));
  const tracked: Promise<unknown>[] = [];
  const asked = async () => ({ receivedAt: Date.now() - askedAgoMs }) as LedgerEvent;
  scheduleHumans({ 'ok-to-pay': 'approve' }, [], client, { plan, started: Promise.resolve(0), asked, secondWorkerUp: async () => undefined, holdRequest: () => expect.fail('no early answer here') }, (p) => void tracked.push(p));
  await Promise.all(tracked);
  return { undecided, delivered };
}

describe('the human\'s answer', () => {
  it('is the scenario\'s when the harness gives it in time', async () => {
    expect(await answer(0)).toEqual({ undecided: [], delivered: 1 });
  });

  it('leaves the case undecided when the harness gives it only after the approval timed out', async () => {
    const { undecided, delivered } = await answer(1644);
    expect(delivered).toBe(1);
    expect(undecided).toHaveLength(1);
    expect(undecided[0]).toMatch(/answered ok-to-pay \d+ ms after its request, not 50 ms, past its 800 ms timeout/);
  });
});

describe('an early answer (approve-early)', () => {
  it("holds the run's request for the approval until the first delivery came back, refused or taken", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agentcheck-client-'));
    dirs.push(dir);
    const order: string[] = [];
    let attempts = 0;
    // The runtime refuses the first delivery (no wait yet, as LangGraph's app answers 409), takes the second.
    const rt = {
      deliverApproval: async () => {
        attempts++;
        order.push(`delivery ${attempts}`);
        if (attempts === 1) throw new Error('409: no interrupt yet');
      },
    } as unknown as CaseRuntime;
    const client = new CaseClient(rt, new HistoryLog(join(dir, 'history.jsonl')), 'run-1', new AbortController().signal);
    const holds: [string, Promise<unknown>][] = [];
    const armed = [{ fault: { kind: 'approve-early', step: 'ok-to-pay' }, index: 0, moments: {} }] as unknown as ArmedFault[];
    const tracked: Promise<unknown>[] = [];
    scheduleHumans({ 'ok-to-pay': 'approve' }, armed, client, { plan, started: Promise.resolve(0), asked: () => new Promise(() => undefined), secondWorkerUp: async () => undefined, holdRequest: (step, until) => void holds.push([step, until]) }, (p) => void tracked.push(p));
    expect(holds.map(([step]) => step)).toEqual(['ok-to-pay']);
    await holds[0]![1].then(() => order.push('request released'));
    await Promise.all(tracked);
    // Released after the first, refused, delivery: the run then waits, and the retry finds the wait.
    expect(order).toEqual(['delivery 1', 'request released', 'delivery 2']);
  });

  it('holds nothing for an ordinary answer, nor for a late one', async () => {
    const holds: string[] = [];
    const rt = { deliverApproval: async () => undefined } as unknown as CaseRuntime;
    const client = new CaseClient(rt, new HistoryLog(join(mkdtempSync(join(tmpdir(), 'agentcheck-client-')), 'h.jsonl')), 'run-1', new AbortController().signal);
    const armed = [{ fault: { kind: 'approve-twice', step: 'ok-to-pay', spacingMs: 0 }, index: 0, moments: {} }] as unknown as ArmedFault[];
    const tracked: Promise<unknown>[] = [];
    scheduleHumans({ 'ok-to-pay': 'approve' }, armed, client, { plan, started: Promise.resolve(0), asked: async () => ({ receivedAt: Date.now() }) as LedgerEvent, secondWorkerUp: async () => undefined, holdRequest: (step) => void holds.push(step) }, (p) => void tracked.push(p));
    await Promise.all(tracked);
    expect(holds).toEqual([]);
  });
});
