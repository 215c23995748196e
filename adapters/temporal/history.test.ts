import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../harness/plan/index.js';
import { stepsFromHistory } from './history.js';

const plan: Plan = {
  name: 'follow-up',
  steps: [
    { kind: 'sleep', id: 'cool-down', ms: 3000 },
    { kind: 'sleep', id: 'first-wait', ms: 1500 },
    { kind: 'sleep', id: 'second-wait', ms: 1500 },
  ],
};

type Events = Parameters<typeof stepsFromHistory>[0];
const started = (eventId: number, timerId: string, seconds: number, summary?: string) => ({
  eventId,
  timerStartedEventAttributes: { timerId, startToFireTimeout: { seconds: Math.floor(seconds), nanos: Math.round((seconds % 1) * 1e9) } },
  ...(summary ? { userMetadata: { summary: defaultPayloadConverter.toPayload(summary) } } : {}),
});
const fired = (eventId: number, timerId: string) => ({ eventId, timerFiredEventAttributes: { timerId } });
// Events as the client decodes them (ids as numbers here, Long there): only the fields the reader uses.
const status = (events: object[]) => Object.fromEntries(stepsFromHistory(events as unknown as Events, plan).steps.map((s) => [s.stepId, s.status]));

describe('stepsFromHistory: timers', () => {
  it('names a sleep by its timer summary', () => {
    expect(status([started(5, '1', 1.5, 'second-wait'), fired(6, '1')])).toEqual({ 'second-wait': 'completed' });
  });

  it('names a sleep by its length when the SDK wrote no summary (before 1.12.3)', () => {
    expect(status([started(5, '1', 3), fired(9, '1')])).toEqual({ 'cool-down': 'completed' });
  });

  it('does not guess between sleeps of the same length, nor name a timer no sleep has the length of', () => {
    expect(status([started(5, '1', 1.5), fired(6, '1'), started(7, '2', 2.2), fired(8, '2')])).toEqual({});
  });
});

describe('stepsFromHistory: approvals', () => {
  const asked: Plan = { name: 'sign-off', steps: [{ kind: 'approval', id: 'approve-release', timeoutMs: 5000, onTimeout: 'reject', approved: [], rejected: [] }] };
  const requested = [
    { eventId: 5, activityTaskScheduledEventAttributes: { activityId: 'approve-release' } },
    { eventId: 7, activityTaskCompletedEventAttributes: { scheduledEventId: 5, result: { payloads: [defaultPayloadConverter.toPayload({ requestedAt: 1 })] } } },
  ];
  const decision = defaultPayloadConverter.toPayload({ stepId: 'approve-release', decision: 'approve' });
  const read = (events: object[]) => Object.fromEntries(stepsFromHistory(events as unknown as Events, asked).steps.map((s) => [s.stepId, s.status]));

  it('an approval whose request went out is still waiting until a decision comes', () => {
    expect(read(requested)).toEqual({ 'approve-release': 'started' });
  });

  it('a decision signalled or given as an accepted update completes it', () => {
    expect(read([...requested, { eventId: 9, workflowExecutionSignaledEventAttributes: { signalName: 'approval', input: { payloads: [decision] } } }])).toEqual({ 'approve-release': 'completed' });
    const accepted = { eventId: 11, workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'decide', args: { payloads: [decision] } } } } };
    expect(read([...requested, accepted])).toEqual({ 'approve-release': 'completed' });
  });

  it('an update of another name is not a decision', () => {
    const other = { eventId: 11, workflowExecutionUpdateAcceptedEventAttributes: { acceptedRequest: { input: { name: 'rename', args: { payloads: [decision] } } } } };
    expect(read([...requested, other])).toEqual({ 'approve-release': 'started' });
  });
});
