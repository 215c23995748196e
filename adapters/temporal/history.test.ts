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
