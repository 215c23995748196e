import { tookEffect, type LedgerEvent } from '../../ledger/events.js';
import type { Evidence } from '../../report/case.js';
import { isModelTurn } from '../../world/script.js';
import type { RecordedStep } from '../runtime.js';
import { describeCall, type AgentProperty } from './history.js';

/** A runtime that is still running the run has not written its last word. */
const STILL_OPEN = new Set(['RUNNING', 'CONTINUED_AS_NEW']);

/**
 * The runtime's own record of the run agrees with what the world recorded (decision 0105):
 * once the agent gave its last answer, the runtime records the run completed, and every
 * model call and write that took effect was made while a unit of work (Temporal: an
 * activity) the runtime records as completed was running — between the moment the
 * runtime handed it out and the moment it recorded its end. A refund the world made
 * inside an activity the runtime records as failed, or outside any, is work the record
 * does not account for. Left out unless the config names its runtime.
 */
export const auditTrail: AgentProperty = {
  id: 'audit-trail',
  check({ events, finalTurn, runtimeRecord: record, startedAt }) {
    if (!record) return undefined;
    if ('unreadable' in record) return { verdict: 'unknown', evidence: [{ message: `the runtime's record of the run could not be read: ${record.unreadable}` }] };
    if (!events.some((e) => isModelTurn(e, finalTurn) && e.outcome === 'applied')) return { verdict: 'unknown', evidence: [{ message: "the run did not complete, so the runtime's record of it is not final" }] };
    if (STILL_OPEN.has(record.status)) return { verdict: 'unknown', evidence: [{ message: `the agent gave its last answer, but the runtime still records the run as ${record.status}: its record is not final` }] };
    const evidence: Evidence[] = [];
    if (!record.completed) evidence.push({ message: `the agent gave its last answer, but the runtime records the run as ${record.status}` });
    const at = (e: LedgerEvent) => (startedAt === undefined ? '' : ` (+${((e.receivedAt - startedAt) / 1000).toFixed(1)} s)`);
    const undecided: string[] = [];
    const judged = events.filter((e) => e.call && tookEffect(e) && (e.kind === 'llm' || e.mode === 'write'));
    for (const e of judged) {
      const around = record.steps.filter((s) => s.from <= e.receivedAt && (s.to === undefined || e.receivedAt <= s.to));
      if (around.some((s) => s.status === 'completed')) continue;
      if (around.length) {
        evidence.push({ step: e.call!.label, message: `${describeCall(e)} took effect${at(e)} while ${around.map(describeStep).join(', ')} ran, which the runtime records as ${[...new Set(around.map((s) => s.status))].join(' / ')}: its record does not show this work done` });
      } else if (record.untimedSteps > 0) {
        undecided.push(`${describeCall(e)}${at(e)} lies in no activity the runtime timed; it may be one of its ${record.untimedSteps} local activities, which the record does not time`);
      } else {
        evidence.push({ step: e.call!.label, message: `${describeCall(e)} took effect${at(e)}, but the runtime records no unit of work running then: its record does not account for it` });
      }
    }
    if (evidence.length) return { verdict: 'fail', evidence };
    if (undecided.length) return { verdict: 'unknown', evidence: undecided.map((message) => ({ message })) };
    return { verdict: 'pass', evidence: [{ message: `the runtime records the run ${record.status}; each of the ${judged.length} model calls and writes that took effect lies in one of its ${record.steps.filter((s) => s.status === 'completed').length} completed activities` }] };
  },
};

const describeStep = (s: RecordedStep) => `${s.name} (${s.id})`;
