import type { FaultKind } from '../faults/registry.js';
import type { Scenario } from '../scenario/schema.js';

/**
 * Whether each fault can break a run's trace (decision 0065): it ends a worker, adds
 * one, restarts the runtime or starts the run again (the run goes on in another
 * execution, whose spans must join its trace), or it makes a call fail or lose its
 * answer (the retry must be a span of its own). The human's side only moves answers in
 * time: the same spans, from the same process.
 */
const BREAKS_A_TRACE: Record<FaultKind, boolean> = {
  'crash-worker': true,
  'restart-runtime': true,
  'second-worker': true,
  // A task its runtime gives up on during the stall is handed out again: the retry must join the trace.
  'stall-worker': true,
  'duplicate-start': true,
  'tool-fails': true,
  'response-lost': true,
  'approve-twice': false,
  'approve-early': false,
  'approve-late': false,
};

/**
 * A case judges `traces` when one of its faults can break a trace, or its scenario is
 * about observability. Only then are its workers told where to export spans (OTEL_*):
 * the reference worker loads the OpenTelemetry SDK only when told, and that load was
 * most of its start on a loaded machine. In any other case `traces` is n/a.
 */
export function judgesTraces(scenario: Pick<Scenario, 'category' | 'faults'>): boolean {
  return scenario.category === 'observability' || scenario.faults.some((f) => BREAKS_A_TRACE[f.kind]);
}
