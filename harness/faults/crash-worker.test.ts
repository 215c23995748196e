import { describe, expect, it } from 'vitest';
import type { Directive, Interceptor } from '../ledger/server.js';
import type { EffectRequest } from '../ledger/events.js';
import { Plan } from '../plan/schema.js';
import type { InjectPorts, WorkerPort } from './ports.js';
import { Fault, packageOf } from './registry.js';

// Which process a crash kills when the runtime gives child runs a worker of their own
// (decision 0110): a step of an agent's plan is the child's worker's, every other step,
// the agent step included, the parent's.

const plan = Plan.parse({
  name: 'support',
  steps: [
    { kind: 'llm', id: 'triage', tokens: 10 },
    {
      kind: 'agent',
      id: 'ask-billing',
      agent: 'billing',
      plan: { steps: [{ kind: 'agent', id: 'ask-ledger', agent: 'ledger', plan: { steps: [{ kind: 'tool', id: 'refund', tool: 'payments.refund', mode: 'write' }] } }] },
    },
  ],
});

function fakeWorkers(name: string, log: string[]): WorkerPort {
  return {
    current: name,
    crash: async () => void log.push(`crash ${name}`),
    restartAfter: () => void log.push(`restart ${name}`),
    freeze: async () => void log.push(`freeze ${name}`),
    thaw: () => undefined,
    startBeside: async () => undefined,
    retire: async () => undefined,
    idle: () => false,
    until: async () => undefined,
  };
}

/** Arm `crash-worker <at> <step>`, send the anchored request, and run the directive's hooks. */
async function crashAt(step: string, at: 'before-effect' | 'after-effect', withChildWorker: boolean) {
  const log: string[] = [];
  const interceptors: Interceptor[] = [];
  const tracked: Promise<unknown>[] = [];
  const p: InjectPorts = {
    ledger: { intercept: (fn) => void interceptors.push(fn), waitFor: () => new Promise(() => undefined) },
    workers: fakeWorkers('parent', log),
    ...(withChildWorker ? { childWorkers: fakeWorkers('child', log) } : {}),
    plan,
    runStarted: Promise.resolve(Date.now()),
    note: () => undefined,
    track: (t) => void tracked.push(t),
    notInjected: (r) => void log.push(`not injected: ${r}`),
    secondWorkerUp: () => undefined,
    runFinished: () => false,
    startRunAgain: async () => undefined,
  };
  const fault = Fault.parse({ kind: 'crash-worker', step, at, downtimeMs: 0 });
  packageOf(fault).inject!(fault, {}, p);
  const d = interceptors[0]!({ runId: 'r', stepId: step, kind: 'tool' } as EffectRequest, 1) as Directive;
  await d.hold?.();
  await d.beforeReply?.();
  await d.afterReply?.();
  await Promise.all(tracked);
  return { log, callerGone: d.callerGone };
}

describe('crash-worker with a worker for child runs', () => {
  it('kills and restarts the child runs\' worker alone for a step of an agent\'s plan, at any depth', async () => {
    expect((await crashAt('refund', 'after-effect', true)).log).toEqual(['freeze child', 'crash child', 'restart child']);
    expect((await crashAt('refund', 'before-effect', true)).log).toEqual(['crash child', 'restart child']);
  });

  it('kills the parent\'s worker for the parent\'s steps, the agent step too; the child\'s worker, which made the start call, reads its answer', async () => {
    expect(await crashAt('triage', 'after-effect', true)).toEqual({ log: ['freeze parent', 'crash parent', 'restart parent'], callerGone: true });
    expect(await crashAt('ask-billing', 'after-effect', true)).toEqual({ log: ['freeze parent', 'crash parent', 'restart parent'], callerGone: false });
  });

  it('kills the one worker, whatever the step, where the runtime runs children on it', async () => {
    expect(await crashAt('refund', 'after-effect', false)).toEqual({ log: ['freeze parent', 'crash parent', 'restart parent'], callerGone: true });
    expect(await crashAt('ask-billing', 'after-effect', false)).toEqual({ log: ['freeze parent', 'crash parent', 'restart parent'], callerGone: true });
  });
});
