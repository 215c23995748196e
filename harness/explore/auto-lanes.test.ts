import { describe, expect, it } from 'vitest';
import { AutoLanes, autoLaneLimits, FULL_ABOVE, LAG_LIMIT_MS, ROOM_BELOW, watchMachine, WINDOW_LOOKS, type MachineLook } from './auto-lanes.js';

const idle: MachineLook = { cpuBusy: ROOM_BELOW - 0.3, loopLagMs: 20 };
const full: MachineLook = { cpuBusy: FULL_ABOVE + 0.1, loopLagMs: 20 };
const between: MachineLook = { cpuBusy: (ROOM_BELOW + FULL_ABOVE) / 2, loopLagMs: 20 };

function lanes(start = 2, o: { busy?: () => boolean; now?: () => number } = {}) {
  return new AutoLanes({ start, min: 1, max: 8 }, o.busy ?? (() => true), o.now);
}

const looks = (l: AutoLanes, m: MachineLook, n: number) => {
  for (let i = 0; i < n; i++) l.look(m);
};

describe('explore --concurrency auto', () => {
  it('adds a lane only after a whole window of looks with room, and only while every lane is taken', () => {
    const l = lanes();
    looks(l, idle, WINDOW_LOOKS - 1);
    expect(l.lanes).toBe(2);
    l.look(idle);
    expect(l.lanes).toBe(3);
    let taken = false;
    const waiting = lanes(2, { busy: () => taken });
    looks(waiting, idle, 3 * WINDOW_LOOKS);
    expect(waiting.lanes).toBe(2);
    taken = true;
    looks(waiting, idle, WINDOW_LOOKS);
    expect(waiting.lanes).toBe(3);
  });

  it('judges the mean of a window, not one second: a spike alone takes no lane away', () => {
    const l = lanes(4);
    l.look({ cpuBusy: 1, loopLagMs: 40 });
    looks(l, { cpuBusy: 0.72, loopLagMs: 40 }, WINDOW_LOOKS - 1);
    // (1 + 3 × 0.72) / 4 = 0.79: between the two limits, nothing changes.
    expect(l.lanes).toBe(4);
    looks(l, full, WINDOW_LOOKS);
    expect(l.lanes).toBe(3);
  });

  it('holds between the two limits', () => {
    const l = lanes(3);
    looks(l, between, 5 * WINDOW_LOOKS);
    expect(l.lanes).toBe(3);
  });

  it('takes a lane away at once when the harness runs late, however idle the CPUs look', () => {
    const l = lanes(5);
    l.look({ cpuBusy: 0.1, loopLagMs: LAG_LIMIT_MS });
    expect(l.lanes).toBe(4);
    l.look({ cpuBusy: 0.1, loopLagMs: LAG_LIMIT_MS + 500 });
    expect(l.lanes).toBe(3);
  });

  it('stays within its limits', () => {
    const up = lanes(2);
    looks(up, idle, 100 * WINDOW_LOOKS);
    expect(up.lanes).toBe(8);
    const down = lanes(2);
    looks(down, full, 100 * WINDOW_LOOKS);
    expect(down.lanes).toBe(1);
    expect(lanes(50).lanes).toBe(8);
  });

  it('sums up the lanes it chose, weighted by how long each held', () => {
    let t = 0;
    const l = lanes(2, { now: () => t });
    t = 1000;
    looks(l, idle, WINDOW_LOOKS);
    t = 4000;
    expect(l.summary()).toEqual({ min: 2, max: 3, mean: (2 * 1000 + 3 * 3000) / 4000 });
    looks(l, full, 2 * WINDOW_LOOKS);
    expect(l.summary().min).toBe(1);
  });

  it('never runs fewer than the fixed default, and goes up to four lanes per core', () => {
    expect(autoLaneLimits(2)).toEqual({ start: 2, min: 2, max: 8 });
    expect(autoLaneLimits(1)).toEqual({ start: 1, min: 1, max: 4 });
    expect(autoLaneLimits(32)).toEqual({ start: 4, min: 4, max: 16 });
  });

  it('looks at this machine: a busy share between 0 and 1, and the event loop delay', async () => {
    const seen: MachineLook[] = [];
    const w = watchMachine((m) => seen.push(m), 50);
    await new Promise((r) => setTimeout(r, 30));
    const until = Date.now() + 150;
    while (Date.now() < until); // the event loop blocked 150 ms: a look says so
    await new Promise((r) => setTimeout(r, 200));
    w.stop();
    expect(seen.length).toBeGreaterThan(0);
    for (const m of seen) expect(m.cpuBusy).toBeGreaterThanOrEqual(0);
    for (const m of seen) expect(m.cpuBusy).toBeLessThanOrEqual(1);
    expect(Math.max(...seen.map((m) => m.loopLagMs))).toBeGreaterThanOrEqual(100);
  });
});
