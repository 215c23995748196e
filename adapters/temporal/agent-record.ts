// Your own agent's run as Temporal recorded it: each activity of the workflow, with the
// times its history gives (scheduled, and completed, failed or timed out), read to
// judge `audit-trail` on an own-agent case (decision 0105). Nothing here comes from the world.
import type { History } from '@temporalio/common/lib/proto-utils.js';
import type { RecordedStep } from '../../harness/index.js';

type Event = NonNullable<History['events']>[number];

/** The SDKs' marker for a local activity: written once it ran, with no start time. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

export interface WorkflowRecord {
  steps: RecordedStep[];
  untimedSteps: number;
  /** Child workflows it started: their records belong to the run too. */
  children: string[];
}

export function recordFromHistory(workflowId: string, events: readonly Event[]): WorkflowRecord {
  const steps = new Map<string, RecordedStep>();
  const children: string[] = [];
  let untimedSteps = 0;
  // seconds is a Long from the client; Number() reads it through its decimal string.
  const at = (e: Event) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
  const end = (scheduledEventId: unknown, e: Event, status: RecordedStep['status']) => {
    const step = steps.get(String(scheduledEventId ?? ''));
    if (step) Object.assign(step, { status, to: at(e) });
  };
  for (const e of events) {
    const scheduled = e.activityTaskScheduledEventAttributes;
    if (scheduled) steps.set(String(e.eventId), { name: scheduled.activityType?.name ?? '', id: `${workflowId}/${scheduled.activityId ?? ''}`, status: 'started', from: at(e) });
    if (e.activityTaskCompletedEventAttributes) end(e.activityTaskCompletedEventAttributes.scheduledEventId, e, 'completed');
    // Retries are not events: a failure or a timeout here is the retry policy giving up.
    const gaveUp = e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes ?? e.activityTaskCanceledEventAttributes;
    if (gaveUp) end(gaveUp.scheduledEventId, e, 'failed');
    if (e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER) untimedSteps++;
    const child = e.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.workflowId;
    if (child) children.push(child);
  }
  return { steps: [...steps.values()], untimedSteps, children };
}
