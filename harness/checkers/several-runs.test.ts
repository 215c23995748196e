import { describe, expect, it } from 'vitest';
import { compose, judgeRuns } from './index.js';
import { HistoryBuilder, scenario } from './fixtures.test-helpers.js';
import type { PropertyId } from './verdict.js';

// A case of several runs of one plan: each run is judged against its own oracle, and
// an effect or a decision that crossed from one run to another is caught and named.

const [A, B] = ['case-1', 'case-2'];

const refund = {
  name: 'refund',
  steps: [
    { kind: 'llm' as const, id: 'review' },
    {
      kind: 'approval' as const,
      id: 'approve-refund',
      timeoutMs: 2000,
      approved: [{ kind: 'tool' as const, id: 'issue-refund', tool: 'pay', mode: 'write' as const }],
    },
  ],
};
// Run 1's human approves, run 2's rejects.
const twoAnswers = scenario({ category: 'approvals', plan: refund, decisions: { 'approve-refund': 'approve' }, runs: [{}, { decisions: { 'approve-refund': 'reject' } }] });

const checkout = scenario({
  category: 'effect-safety',
  plan: { name: 'checkout', steps: [{ kind: 'tool', id: 'charge', tool: 'pay', mode: 'write' }] },
  runs: [{}, {}],
});

const property = (results: ReturnType<typeof judgeRuns>, id: PropertyId) => results.find((p) => p.id === id);

/** Both runs asked and reviewed; each human answers its own run. */
const askedBoth = () =>
  new HistoryBuilder()
    .effect('review', 'applied', 0, { runId: A, kind: 'llm' })
    .effect('review', 'applied', 0, { runId: B, kind: 'llm' })
    .effect('approve-refund', 'applied', 10, { runId: A, kind: 'approval-request', key: `${A}/approve-refund/request` })
    .effect('approve-refund', 'applied', 10, { runId: B, kind: 'approval-request', key: `${B}/approve-refund/request` })
    .delivered('approve-refund', 300, A)
    .delivered('approve-refund', 310, B);

describe('several runs per case', () => {
  it('passes two runs that each followed their own human', () => {
    const h = askedBoth().effect('issue-refund', 'applied', 400, { runId: A, key: `${A}/issue-refund` }).completed({ decisions: { 'approve-refund': 'approved' } }, 500, A).completed({ decisions: { 'approve-refund': 'rejected' } }, 500, B);
    const results = judgeRuns(h.inputs(twoAnswers, [A, B]));
    // The fixture leaves results out of the outputs, so correct-output is not the point here.
    expect(results.filter((p) => p.verdict !== 'pass' && p.id !== 'correct-output')).toEqual([]);
  });

  it('fails a run that took the decision given to another run, naming both runs', () => {
    // A decision matched by step id alone: run 1's approval reached run 2's wait, which refunded.
    const h = askedBoth()
      .effect('issue-refund', 'applied', 400, { runId: A, key: `${A}/issue-refund` })
      .effect('issue-refund', 'applied', 400, { runId: B, key: `${B}/issue-refund` })
      .completed({ decisions: { 'approve-refund': 'approved' } }, 500, A)
      .completed({ decisions: { 'approve-refund': 'approved' } }, 500, B);
    const results = judgeRuns(h.inputs(twoAnswers, [A, B]));
    const approvals = property(results, 'approval-integrity')!;
    expect(approvals.verdict).toBe('fail');
    expect(approvals.evidence.map((e) => e.message)).toEqual([expect.stringMatching(/^run 2: approve-refund: expected rejected, the run took approved: that is the decision given to run 1 \("approve"\)/)]);
    const phantom = property(results, 'no-phantom-effects')!;
    expect(phantom.verdict).toBe('fail');
    expect(phantom.evidence).toEqual([expect.objectContaining({ step: 'issue-refund', message: expect.stringMatching(/^run 2: issue-refund took effect/) })]);
  });

  it('fails a run whose write was deduplicated against another run\'s key, and passes keys scoped to their run', () => {
    const scoped = new HistoryBuilder()
      .effect('charge', 'applied', 10, { runId: A, key: `${A}/charge` })
      .effect('charge', 'applied', 12, { runId: B, key: `${B}/charge` })
      .completed({}, 500, A)
      .completed({}, 500, B);
    expect(property(judgeRuns(scoped.inputs(checkout, [A, B])), 'effects-exactly-once')?.verdict).toBe('pass');

    // A key built from the step id alone: run 2's charge is answered with run 1's.
    const shared = new HistoryBuilder()
      .effect('charge', 'applied', 10, { runId: A, key: 'charge' })
      .effect('charge', 'deduplicated', 12, { runId: B, key: 'charge' })
      .completed({}, 500, A)
      .completed({}, 500, B);
    const r = property(judgeRuns(shared.inputs(checkout, [A, B])), 'effects-exactly-once')!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence).toHaveLength(1);
    expect(r.evidence[0]).toMatchObject({ step: 'charge', attempts: [1] });
    expect(r.evidence[0].message).toMatch(/^run 2: charge .* was deduplicated against run 1's request .* idempotency key "charge", which is not scoped to its run/);
  });

  it('fails a run whose human was never asked: its request was deduplicated against another run\'s key', () => {
    const h = new HistoryBuilder()
      .effect('review', 'applied', 0, { runId: A, kind: 'llm' })
      .effect('review', 'applied', 0, { runId: B, kind: 'llm' })
      .effect('approve-refund', 'applied', 10, { runId: A, kind: 'approval-request', key: 'approve-refund/request' })
      .effect('approve-refund', 'deduplicated', 12, { runId: B, kind: 'approval-request', key: 'approve-refund/request' })
      .delivered('approve-refund', 300, A)
      .delivered('approve-refund', 310, B)
      .effect('issue-refund', 'applied', 400, { runId: A, key: 'issue-refund' })
      .completed({ decisions: { 'approve-refund': 'approved' } }, 500, A)
      .completed({ decisions: { 'approve-refund': 'rejected' } }, 500, B);
    const r = property(judgeRuns(h.inputs(twoAnswers, [A, B])), 'approval-integrity')!;
    expect(r.verdict).toBe('fail');
    expect(r.evidence[0].message).toMatch(/^run 2: the human was never asked for this run: approve-refund/);
  });

  it('does not hold one run\'s effects against another run\'s oracle', () => {
    // Run 1 refunds (approved), run 2 does not (rejected): run 2's view sees run 1's refund, which it must not call a phantom.
    const h = askedBoth().effect('issue-refund', 'applied', 400, { runId: A, key: `${A}/issue-refund` }).completed({ decisions: { 'approve-refund': 'approved' } }, 500, A).completed({ decisions: { 'approve-refund': 'rejected' } }, 500, B);
    const [, second] = h.inputs(twoAnswers, [A, B]);
    expect(property(compose()(second), 'no-phantom-effects')?.verdict).toBe('pass');
    // An effect for a run the case never started is still a phantom.
    const stray = new HistoryBuilder().effect('charge', 'applied', 10, { runId: 'elsewhere' }).effect('charge', 'applied', 10, { runId: A, key: 'a' }).effect('charge', 'applied', 10, { runId: B, key: 'b' });
    expect(property(judgeRuns(stray.completed({}, 500, A).completed({}, 500, B).inputs(checkout, [A, B])), 'no-phantom-effects')?.verdict).toBe('fail');
  });

  it('judges a run that did not finish on its own: the other run\'s result does not stand for it', () => {
    const h = new HistoryBuilder().effect('charge', 'applied', 10, { runId: A, key: `${A}/charge` }).completed({}, 500, A);
    const completes = property(judgeRuns(h.inputs(checkout, [A, B])), 'completes')!;
    expect(completes.verdict).toBe('fail');
    expect(completes.evidence.map((e) => e.message)).toEqual([expect.stringMatching(/^run 2: no result/)]);
  });
});
