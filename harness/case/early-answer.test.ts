import { describe, expect, it } from 'vitest';
import type { Directive, Interceptor } from '../ledger/server.js';
import type { EffectRequest } from '../ledger/events.js';
import { holdApprovalRequest } from './early-answer.js';

const request = (over: Partial<EffectRequest>) => ({ kind: 'approval-request', runId: 'run-1', stepId: 'ok-to-pay', ...over }) as EffectRequest;

describe('holding the run\'s request for an approval an early answer is on its way to', () => {
  it("holds only that run's first request for that approval, until the delivery came back", async () => {
    let interceptor: Interceptor | undefined;
    let delivered: () => void = () => undefined;
    holdApprovalRequest({ intercept: (fn) => void (interceptor = fn) }, 'run-1', 'ok-to-pay', new Promise<void>((r) => (delivered = r)));
    expect(interceptor!(request({ runId: 'run-2' }), 1)).toBeUndefined();
    expect(interceptor!(request({ stepId: 'other' }), 1)).toBeUndefined();
    expect(interceptor!(request({ kind: 'tool' } as Partial<EffectRequest>), 1)).toBeUndefined();
    const d = interceptor!(request({}), 1) as Directive;
    expect(d).toMatchObject({ apply: true, reply: 'ok' });
    let released = false;
    const held = d.hold!().then(() => (released = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(false);
    delivered();
    await held;
    expect(released).toBe(true);
    // A retried request (the runtime asked again) goes through as usual.
    expect(interceptor!(request({}), 2)).toBeUndefined();
  });
});
