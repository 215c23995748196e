import { describe, expect, it } from 'vitest';
import { recordFromHistory } from './agent-record.js';

// Events as the client decodes them (ids as numbers here, Long there): only the fields the reader uses.
type Events = Parameters<typeof recordFromHistory>[1];
const time = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
const scheduled = (eventId: number, ms: number, type: string, activityId: string) => ({ eventId, eventTime: time(ms), activityTaskScheduledEventAttributes: { activityType: { name: type }, activityId } });
const ended = (eventId: number, ms: number, scheduledEventId: number, how: 'activityTaskCompletedEventAttributes' | 'activityTaskFailedEventAttributes' | 'activityTaskTimedOutEventAttributes') => ({ eventId, eventTime: time(ms), [how]: { scheduledEventId } });
const read = (events: object[]) => recordFromHistory('refund-1', events as unknown as Events);

describe('recordFromHistory: your agent workflow as timed activities', () => {
  it('gives each activity its type, id, status and the times it was scheduled and ended', () => {
    const r = read([scheduled(5, 1000, 'callModel', '1'), ended(7, 1250, 5, 'activityTaskCompletedEventAttributes'), scheduled(11, 2000, 'issueRefund', '2'), ended(13, 14_500, 11, 'activityTaskFailedEventAttributes'), scheduled(15, 15_000, 'callModel', '3')]);
    expect(r.steps).toEqual([
      { name: 'callModel', id: 'refund-1/1', status: 'completed', from: 1000, to: 1250 },
      { name: 'issueRefund', id: 'refund-1/2', status: 'failed', from: 2000, to: 14_500 },
      { name: 'callModel', id: 'refund-1/3', status: 'started', from: 15_000 },
    ]);
    expect(r).toMatchObject({ untimedSteps: 0, children: [] });
  });

  it('a timed-out activity gave up; local activities are counted untimed; child workflows are followed', () => {
    const r = read([
      scheduled(5, 1000, 'issueRefund', '1'),
      ended(6, 11_000, 5, 'activityTaskTimedOutEventAttributes'),
      { eventId: 8, eventTime: time(12_000), markerRecordedEventAttributes: { markerName: 'core_local_activity' } },
      { eventId: 9, eventTime: time(12_100), markerRecordedEventAttributes: { markerName: 'core_patch' } },
      { eventId: 10, eventTime: time(13_000), childWorkflowExecutionStartedEventAttributes: { workflowExecution: { workflowId: 'refund-1/notify' } } },
    ]);
    expect(r.steps.map((s) => s.status)).toEqual(['failed']);
    expect(r).toMatchObject({ untimedSteps: 1, children: ['refund-1/notify'] });
  });
});
