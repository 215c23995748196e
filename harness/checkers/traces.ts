import type { LedgerEvent } from '../ledger/events.js';
import type { CaseHistory } from '../history.js';
import { SPAN_ATTRIBUTES, type StoredSpan } from '../traces/span.js';
import { dependencyGraph, type PlanNode } from './dependencies.js';
import { failWith, pass, type Checker, type Evidence } from './verdict.js';
import type { Oracle } from '../oracle.js';
import type { Plan } from '../plan/schema.js';

/**
 * The runtime's OpenTelemetry spans show every effect attempt the ledger saw, as one
 * trace per run across crashes, each naming its run, and no attempt the ledger never
 * saw. The ledger knows which span made each request from its `traceparent` header
 * (docs/traces.md, decision 0046).
 */
export const traces: Checker = {
  id: 'traces',
  check({ scenario, oracle, history }) {
    const spans = history.spans;
    if (!spans) return undefined;
    const attempts = history.effects.filter((e) => e.runId === history.runId && e.outcome !== 'refused');
    if (attempts.length === 0) return undefined;
    // A worker that traces nothing at all (no span, no trace context on any call) has no
    // tracing to judge: n/a, as for an adapter that declares it lacks traces (decision 0047).
    if (spans.length === 0 && !history.effects.some((e) => e.trace)) return undefined;
    const byId = new Map(spans.map((s) => [s.spanId, s] as const));
    const evidence: Evidence[] = [];
    const name = (e: LedgerEvent) => `${e.stepId} #${e.attempt} (pid ${e.pid ?? '?'}, ${e.outcome})`;
    const isAfter = laterSteps(scenario.plan, oracle);

    // Required: an attempt whose worker went on past it, to a retry or a step that waits
    // on it. A span ends only after its call returns, so an attempt cut off by a crash
    // has no span any SDK could have sent; one the worker went on from has (decision 0046).
    const required = attempts.filter((e) =>
      attempts.some((later) => later.pid === e.pid && later.receivedAt > e.finishedAt && (later.stepId === e.stepId || isAfter(e.stepId, later.stepId))),
    );
    for (const e of required) {
      if (!e.trace) evidence.push({ step: e.stepId, attempts: [e.attempt], message: `${name(e)} carried no trace context: no span can show it` });
      else if (!byId.has(e.trace.spanId)) evidence.push({ step: e.stepId, attempts: [e.attempt], message: `${name(e)} was made by span ${e.trace.spanId}, which never reached the collector, though the worker went on past it` });
      else if (!namesRun(byId.get(e.trace.spanId)!, byId, e.childRun ?? history.runId)) {
        // A child run's call names the child (the run that made it), in the parent's trace or linked to it.
        evidence.push({ step: e.stepId, attempts: [e.attempt], message: `span ${e.trace.spanId} of ${name(e)} does not name run ${e.childRun ?? history.runId}, nor does any span above it` });
      }
    }

    // A retry is its own span: two requests made by one span hide an attempt.
    const bySpan = new Map<string, LedgerEvent[]>();
    for (const e of attempts) if (e.trace) bySpan.set(e.trace.spanId, [...(bySpan.get(e.trace.spanId) ?? []), e]);
    for (const [spanId, made] of bySpan) {
      if (made.length > 1) evidence.push({ step: made[0].stepId, attempts: made.map((e) => e.attempt), message: `${made.map(name).join(' and ')} were all made by span ${spanId}: a retry has no span of its own` });
    }

    // One trace per run, or traces linked to each other: a resumed run is not a stranger.
    const traced = attempts.filter((e) => e.trace);
    const groups = traceGroups(traced.map((e) => e.trace!.traceId), spans);
    if (groups.size > 1) {
      const parts = [...groups.values()].map((ids) => {
        const inIt = traced.filter((e) => ids.has(e.trace!.traceId));
        return `trace ${[...ids].join('+')} (${inIt.map(name).join(', ')})`;
      });
      evidence.push({ attempts: traced.map((e) => e.attempt), message: `run ${history.runId} is split into ${groups.size} unrelated traces: ${parts.join('; ')}` });
    }

    // A span that says it made this run's call, which the ledger never received, is a phantom.
    const madeBy = new Set(history.effects.flatMap((e) => (e.trace ? [e.trace.spanId] : [])));
    for (const s of spans) {
      if (s.attributes[SPAN_ATTRIBUTES.runId] !== history.runId || s.status === 'error') continue;
      const step = s.attributes[SPAN_ATTRIBUTES.stepId];
      if (typeof step !== 'string' || madeBy.has(s.spanId)) continue;
      evidence.push({ step, message: `span "${s.name}" ${s.spanId} says it called ${step} and did not fail, but the ledger never received a call from it` });
    }

    if (evidence.length) return failWith(evidence);
    const ids = [...new Set(traced.map((e) => e.trace!.traceId))];
    return pass(`${required.length} of ${attempts.length} attempts had to show as spans and do; ${ids.length === 1 ? `one trace ${ids[0]}` : `${ids.length} linked traces`}`);
  },
};

/** Does the span, or a span above it, carry the run's id as an attribute value? */
function namesRun(span: StoredSpan, byId: Map<string, StoredSpan>, runId: string): boolean {
  for (let s: StoredSpan | undefined = span, hops = 0; s && hops < 64; s = s.parentSpanId ? byId.get(s.parentSpanId) : undefined, hops++) {
    if (Object.values(s.attributes).some((v) => v === runId)) return true;
  }
  return false;
}

/** The run's trace ids, grouped where a span of one links to another. */
function traceGroups(traceIds: string[], spans: readonly StoredSpan[]): Map<string, Set<string>> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.has(x) && parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const id of traceIds) if (!parent.has(id)) parent.set(id, id);
  for (const s of spans) for (const l of s.links) if (parent.has(s.traceId) && parent.has(l.traceId)) parent.set(find(s.traceId), find(l.traceId));
  const groups = new Map<string, Set<string>>();
  for (const id of parent.keys()) {
    const root = find(id);
    groups.set(root, (groups.get(root) ?? new Set()).add(id));
  }
  return groups;
}

/** `isAfter(a, b)`: step b waits, directly or not, on step a in the taken path. */
function laterSteps(plan: Plan, oracle: Oracle): (a: string, b: string) => boolean {
  const nodes = new Map<string, PlanNode>(dependencyGraph(plan, oracle).map((n) => [n.id, n] as const));
  const memo = new Map<string, Set<string>>();
  const ancestors = (id: string): Set<string> => {
    let out = memo.get(id);
    if (out) return out;
    out = new Set();
    memo.set(id, out);
    for (const p of nodes.get(id)?.preds ?? []) {
      out.add(p);
      for (const q of ancestors(p)) out.add(q);
    }
    return out;
  };
  return (a, b) => ancestors(b).has(a);
}
