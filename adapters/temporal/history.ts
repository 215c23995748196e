// The audit read: the workflow's own event history, turned into one entry per plan
// step. Activities carry the step id as their activity id; timers carry it as their
// summary (before SDK 1.12.3, a sleep's timer is known by its length); approval
// signals and accepted updates carry it in their input; a child workflow's id ends in its agent step's id.
// Nothing here comes from the ledger.
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { RuntimeHistory } from '../../harness/index.js';
import { agentResult, allSteps, type Plan, type RunOutput, type Step } from '../../harness/plan/index.js';
import { approvalSignal, decideUpdate, type ApprovalMessage } from './contract.js';

type Event = NonNullable<History['events']>[number];
type Entry = RuntimeHistory['steps'][number];

const decode = (p: Payload | null | undefined): unknown => (p ? defaultPayloadConverter.fromPayload(p) : undefined);
const idOf = (n: unknown) => String(n ?? '');
const durationMs = (d: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

export function stepsFromHistory(events: Event[], plan: Plan): RuntimeHistory {
  const kinds = new Map<string, Step['kind']>(allSteps(plan).map((s) => [s.id, s.kind] as const));
  const entries = new Map<string, Entry>();
  const activityStep = new Map<string, string>();
  const timerStep = new Map<string, string>();
  const waitEnded = new Set<string>();
  // SDKs before 1.12.3 write no timer summary: a sleep's timer is then known by its
  // length, when no other sleep of the plan has that length (an approval's timer, whose
  // length depends on when the wait began, stays unnamed, as before).
  const sleeps = allSteps(plan).flatMap((s) => (s.kind === 'sleep' ? [s] : []));
  const sleepOfLength = new Map(sleeps.filter((s) => sleeps.filter((o) => o.ms === s.ms).length === 1).map((s) => [s.ms, s.id] as const));

  for (const e of events) {
    if (e.activityTaskScheduledEventAttributes) {
      const stepId = e.activityTaskScheduledEventAttributes.activityId ?? '';
      activityStep.set(idOf(e.eventId), stepId);
      entries.set(stepId, { stepId, status: 'started' });
    }
    const done = e.activityTaskCompletedEventAttributes;
    if (done) {
      const stepId = activityStep.get(idOf(done.scheduledEventId)) ?? '';
      const result = decode(done.result?.payloads?.[0]);
      entries.set(stepId, { stepId, status: 'completed', ...(typeof result === 'string' ? { result } : {}) });
    }
    // Only the last attempt's failure reaches the history (retries are not events); it means the policy gave up.
    const gaveUp = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes;
    if (gaveUp) {
      const stepId = activityStep.get(idOf(gaveUp.scheduledEventId)) ?? '';
      entries.set(stepId, { stepId, status: 'failed' });
    }
    if (e.timerStartedEventAttributes) {
      const summary = decode(e.userMetadata?.summary);
      const stepId = summary !== undefined ? String(summary) : (sleepOfLength.get(durationMs(e.timerStartedEventAttributes.startToFireTimeout)) ?? '');
      timerStep.set(e.timerStartedEventAttributes.timerId ?? '', stepId);
      if (kinds.get(stepId) === 'sleep') entries.set(stepId, { stepId, status: 'started' });
    }
    if (e.timerFiredEventAttributes) {
      const stepId = timerStep.get(e.timerFiredEventAttributes.timerId ?? '') ?? '';
      if (kinds.get(stepId) === 'sleep') entries.set(stepId, { stepId, status: 'completed' });
      if (kinds.get(stepId) === 'approval') waitEnded.add(stepId); // timed out
    }
    // A child workflow (an agent step): its id is the parent's id, "/", the step's id.
    const child = e.childWorkflowExecutionStartedEventAttributes ?? e.childWorkflowExecutionCompletedEventAttributes ?? e.childWorkflowExecutionFailedEventAttributes;
    const childRun = child?.workflowExecution?.workflowId;
    if (childRun) {
      const stepId = childRun.slice(childRun.lastIndexOf('/') + 1);
      if (e.childWorkflowExecutionCompletedEventAttributes) {
        const output = decode(e.childWorkflowExecutionCompletedEventAttributes.result?.payloads?.[0]) as RunOutput | undefined;
        entries.set(stepId, { stepId, status: 'completed', childRun, ...(output ? { result: agentResult(output) } : {}) });
      } else entries.set(stepId, { stepId, status: e.childWorkflowExecutionFailedEventAttributes ? 'failed' : 'started', childRun });
    }
    const signal = e.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName === approvalSignal.name) {
      const msg = decode(signal.input?.payloads?.[0]) as ApprovalMessage | undefined;
      if (msg?.stepId) waitEnded.add(msg.stepId);
    }
    // An update the validator refused never reaches the history: an accepted one is a decision taken.
    const update = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input;
    if (update?.name === decideUpdate.name) {
      const msg = decode(update.args?.payloads?.[0]) as ApprovalMessage | undefined;
      if (msg?.stepId) waitEnded.add(msg.stepId);
    }
  }
  // An approval step is complete when its request went out and a decision or its timeout came.
  for (const entry of entries.values()) {
    if (kinds.get(entry.stepId) !== 'approval') continue;
    delete entry.result;
    if (entry.status === 'completed' && !waitEnded.has(entry.stepId)) entry.status = 'started';
  }
  return { steps: [...entries.values()] };
}
