import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryLog } from '../history.js';
import { STARTUP_ALLOWANCE_MAX_MS } from '../timing.js';
import { CaseDeadline } from './deadline.js';

const newLog = () => new HistoryLog(join(mkdtempSync(join(tmpdir(), 'agentcheck-deadline-')), 'history.jsonl'));
const spawned = (log: HistoryLog) => log.add({ type: 'worker', at: Date.now(), event: 'spawned', pid: 0, detail: 'worker 2' });
const ready = (log: HistoryLog) => log.add({ type: 'worker', at: Date.now(), event: 'ready', pid: 42 });

describe('a case deadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs out after its time when no worker restarts', () => {
    const d = new CaseDeadline(1000, newLog());
    vi.advanceTimersByTime(999);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect((d.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('is pushed back by the time a restarted worker took to be ready', () => {
    const log = newLog();
    const d = new CaseDeadline(1000, log);
    vi.advanceTimersByTime(200);
    spawned(log);
    vi.advanceTimersByTime(300);
    ready(log);
    vi.advanceTimersByTime(799);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
    expect(d.extendedByMs).toBe(300);
  });

  it('does not run out while a worker is starting, and resumes counting once it is ready', () => {
    const log = newLog();
    const d = new CaseDeadline(1000, log);
    vi.advanceTimersByTime(900);
    spawned(log);
    vi.advanceTimersByTime(5000);
    expect(d.signal.aborted).toBe(false);
    ready(log);
    // 5 s of start-up: 100 ms of the deadline were left when it began.
    vi.advanceTimersByTime(99);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
  });

  it('counts two workers starting at once once, not twice', () => {
    const log = newLog();
    const d = new CaseDeadline(1000, log);
    spawned(log);
    vi.advanceTimersByTime(100);
    spawned(log);
    vi.advanceTimersByTime(100);
    ready(log);
    vi.advanceTimersByTime(100);
    ready(log);
    expect(d.extendedByMs).toBe(300);
  });

  it('ends the case at its cap when a worker never gets ready', () => {
    const log = newLog();
    const d = new CaseDeadline(1000, log);
    spawned(log);
    vi.advanceTimersByTime(1000 + STARTUP_ALLOWANCE_MAX_MS - 1);
    expect(d.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(d.signal.aborted).toBe(true);
  });

  it('stops counting once disposed', () => {
    const log = newLog();
    const d = new CaseDeadline(1000, log);
    d.dispose();
    spawned(log);
    vi.advanceTimersByTime(5000);
    expect(d.signal.aborted).toBe(false);
  });
});
