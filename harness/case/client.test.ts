import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRuntime } from '../adapter.js';
import { HistoryLog } from '../history.js';
import type { LedgerEvent } from '../ledger/events.js';
import type { Plan } from '../plan/schema.js';
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
  scheduleHumans({ 'ok-to-pay': 'approve' }, [], client, { plan, started: Promise.resolve(0), asked, secondWorkerUp: async () => undefined }, (p) => void tracked.push(p));
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
