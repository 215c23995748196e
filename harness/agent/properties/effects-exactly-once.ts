import { tookEffect, type LedgerEvent } from '../../ledger/events.js';
import type { Evidence } from '../../report/case.js';
import { describeCall, type AgentProperty } from './history.js';

/**
 * No write took effect twice: two that took effect with the same route and the same
 * idempotency key, or the same route and the same body, are one write applied twice.
 * Nor was one lost to a key reused by mistake: a write whose idempotency key the service
 * had first seen with another request was refused (decision 0094), or answered with the
 * first request's answer (a host with `reusedKey: 'first-answer'`, decision 0109), and took no effect.
 */
export const effectsExactlyOnce: AgentProperty = {
  id: 'effects-exactly-once',
  check({ events }) {
    const writes = events.filter((e) => e.mode === 'write' && e.call);
    if (writes.length === 0) return undefined;
    const groups = new Map<string, LedgerEvent[]>();
    for (const e of writes.filter(tookEffect)) {
      for (const k of [e.idempotencyKey ? `key ${e.idempotencyKey}` : undefined, `body ${e.call!.bodyDigest}`]) {
        if (!k) continue;
        const id = `${e.call!.label}\u0000${k}`;
        groups.set(id, [...(groups.get(id) ?? []), e]);
      }
    }
    const seen = new Set<LedgerEvent>();
    const evidence: Evidence[] = [];
    for (const [id, group] of groups) {
      if (group.length < 2 || group.every((e) => seen.has(e))) continue;
      group.forEach((e) => seen.add(e));
      const same = id.split('\u0000')[1].startsWith('key') ? 'the same idempotency key' : 'the same body';
      evidence.push({ step: group[0].call!.label, attempts: group.map((e) => e.call!.nth ?? 0), message: `${group[0].call!.label} took effect ${group.length} times with ${same}: ${group.map(describeCall).join(', ')}` });
    }
    for (const e of writes.filter((w) => w.keyReusedFrom !== undefined)) {
      const first = e.keyReusedFrom ? `#${e.keyReusedFrom}` : 'an earlier call';
      evidence.push({ step: e.call!.label, attempts: [e.keyReusedFrom ?? 0, e.call!.nth ?? 0], message: `${describeCall(e)} reused the idempotency key of ${first} with a different request: the service ${e.outcome === 'deduplicated' ? `answered it with ${first}'s answer` : 'refused it'}, and this write never took effect` });
    }
    return evidence.length ? { verdict: 'fail', evidence } : { verdict: 'pass', evidence: [] };
  },
};
