import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AgentConfig, AgentScenario } from '../config.js';
import { langgraphLike, lookup, refund } from './config.test-helpers.js';
import { AGENT_EXPLORE_DEFAULTS, AGENT_FAULT_KINDS, agentCaseArbitrary } from './arbitrary.js';
import { scenarioLiteral } from './describe.js';
import { agentExploreCommand, parseAgentFaultKinds } from './replay-command.js';
import { exploreSpace } from './space.js';

const noDecide = AgentConfig.parse({ ...langgraphLike, decide: undefined, scenarios: [{ name: 'refund', model: [refund, { text: 'done' }] }] });
const options = { maxTurns: AGENT_EXPLORE_DEFAULTS.maxTurns, maxFaults: 2, faultKinds: AGENT_FAULT_KINDS };

describe('what explore may script for your agent', () => {
  it('is drawn from the config: its tool calls, texts, approvals, model and write labels', () => {
    const space = exploreSpace(langgraphLike);
    expect(space.tools).toEqual([
      { ...lookup, asksApproval: false },
      { ...refund, asksApproval: true },
    ]);
    expect(space.texts).toEqual(['done', 'not approved']);
    expect(space.modelLabel).toBe('chat.completions');
    // A wildcard route has no one label to name; a label a scenario's fault names has.
    expect(space.writeLabels).toEqual(['POST payments.internal/v1/refunds', 'GET payments.internal/v1/orders/ord_42']);
    expect(space).toMatchObject({ decide: true, timeoutMs: 30_000 });
  });

  it('generates scenarios the config would accept: one decision after the call a person is asked about, no call twice', () => {
    fc.assert(
      fc.property(agentCaseArbitrary(exploreSpace(langgraphLike), options), (g) => {
        // The literal printed after a failure parses as a scenario of the config, faults and all.
        const parsed = AgentScenario.parse(JSON.parse(scenarioLiteral({ ...g, name: 'explore-1-0' })));
        expect(parsed.faults).toEqual(g.faults);
        expect(g.model.length).toBeLessThanOrEqual(options.maxTurns);
        expect('text' in g.model.at(-1)!).toBe(true);
        const calls = g.model.filter((t) => 'tool' in t).map((t) => JSON.stringify(t.tool));
        expect(new Set(calls).size).toBe(calls.length);
        const refundAt = g.model.findIndex((t) => 'tool' in t && t.tool === 'issue_refund');
        expect(g.approval?.afterTurn).toBe(refundAt >= 0 ? refundAt + 1 : undefined);
        expect(g.faults.length).toBeLessThanOrEqual(2);
        // Folded onto the script: a fault on the model names one of its turns.
        for (const f of g.faults.filter((x) => x.label === 'chat.completions')) expect(f.nth).toBeLessThanOrEqual(g.model.length);
        expect(new Set(g.faults.map((f) => `${f.label}#${f.nth}`)).size).toBe(g.faults.length);
        expect(g.timeoutMs).toBe(30_000);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('reaches every part of the space: both decisions, each delivered twice at once and apart, each fault kind on the model and on a write, scripts of each length', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(agentCaseArbitrary(exploreSpace(langgraphLike), options), (g) => {
        seen.add(`turns ${g.model.length}`);
        if (g.approval) seen.add(g.approval.decision);
        if (g.approval?.twice) seen.add(g.approval.twice.spacingMs === 0 ? 'twice at once' : 'twice apart');
        for (const f of g.faults) seen.add(`${f.kind} ${f.label === 'chat.completions' ? 'model' : 'write'}`);
        if (g.model.some((t) => t.usage)) seen.add('usage');
      }),
      { seed: 3, numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(
      ['approve', 'reject', 'twice apart', 'twice at once', 'turns 1', 'turns 2', 'turns 3', 'usage', ...AGENT_FAULT_KINDS.flatMap((k) => [`${k} model`, `${k} write`])].sort(),
    );
  });

  it('draws `slow` only when named, and only on a write whose host reads an idempotency key; with none, never', () => {
    const space = exploreSpace(langgraphLike);
    // The refund (payments.internal reads Idempotency-Key); not the order lookup (a read on that host), nor the model.
    expect(space.keyedWriteLabels).toEqual(['POST payments.internal/v1/refunds']);
    expect(AGENT_FAULT_KINDS).not.toContain('slow');
    expect(parseAgentFaultKinds('slow,crash-after')).toEqual(['slow', 'crash-worker after-effect']);
    const kinds = new Set<string>();
    fc.assert(fc.property(agentCaseArbitrary(space, { ...options, faultKinds: ['slow', 'fails'] }), (g) => {
      for (const f of g.faults) {
        kinds.add(f.kind);
        if (f.kind === 'slow') expect(f.text).toMatch(/^slow "POST payments\.internal\/v1\/refunds" #\d+$/);
      }
    }), { seed: 2, numRuns: 200 });
    expect(kinds).toEqual(new Set(['slow', 'fails']));
    const unkeyed = AgentConfig.parse({ ...noDecide, hosts: { ...noDecide.hosts, 'payments.internal': { writes: ['POST /v1/refunds'] } } });
    expect(exploreSpace(unkeyed).keyedWriteLabels).toEqual([]);
    fc.assert(fc.property(agentCaseArbitrary(exploreSpace(unkeyed), { ...options, faultKinds: ['slow', 'fails'] }), (g) => g.faults.every((f) => f.kind === 'fails')), { seed: 2, numRuns: 100 });
  });

  it('gives every call a person is asked about a decision of its own, and a person who never answers only where a scenario has one (decisions 0106, 0107)', () => {
    const second = { tool: 'issue_refund', args: { charge: 'ch_9XyZ2', amount: 500 } };
    const withDeadline = AgentConfig.parse({
      ...langgraphLike,
      scenarios: [...langgraphLike.scenarios.map((s) => ({ ...s, faults: s.faults.map((f) => f.text) })), { name: 'silent', model: [refund, second, { text: 'done' }], approvals: [{ afterTurn: 1, decision: 'approve' }, { afterTurn: 2, decision: 'none' }] }],
    });
    const space = exploreSpace(withDeadline);
    expect(space.silence).toBe(true);
    expect(exploreSpace(langgraphLike).silence).toBe(false);
    const seen = new Set<string>();
    fc.assert(
      fc.property(agentCaseArbitrary(space, options), (g) => {
        const list = g.approvals ?? (g.approval ? [g.approval] : []);
        // Each decision right after a call a person is asked about, in order, and the literal parses as a scenario.
        const asked = g.model.flatMap((t, i) => ('tool' in t && t.tool === 'issue_refund' ? [i + 1] : []));
        expect(list.map((a) => a.afterTurn)).toEqual(asked);
        expect(g.approval && g.approvals).toBeFalsy();
        for (const a of list) {
          seen.add(a.decision);
          if (a.decision === 'none') expect(a.twice).toBeUndefined();
        }
        if (list.length > 1) seen.add('several');
        AgentConfig.parse({ ...langgraphLike, scenarios: [JSON.parse(scenarioLiteral({ ...g, name: 'explore-1-0' }))] });
      }),
      { seed: 5, numRuns: 300 },
    );
    expect([...seen].sort()).toEqual(['approve', 'none', 'reject', 'several']);
  });

  it('without `decide`, never scripts a call a person would be asked about, and so never an approval', () => {
    const space = exploreSpace(AgentConfig.parse({ ...noDecide, scenarios: langgraphLike.scenarios.map((s) => ({ ...s, approval: undefined, faults: s.faults.map((f) => f.text) })) }));
    expect(space.tools.every((t) => !t.asksApproval)).toBe(true);
    fc.assert(fc.property(agentCaseArbitrary(exploreSpace(noDecide), options), (g) => g.approval === undefined), { seed: 1, numRuns: 100 });
  });

  it('--faults names its kinds in a word each, or none; a bad one is one clear line', () => {
    expect(parseAgentFaultKinds('crash-after,fails')).toEqual(['crash-worker after-effect', 'fails']);
    expect(parseAgentFaultKinds('none')).toEqual([]);
    // A hang is drawn only when named (decision 0093); then its replay command names it too.
    expect(parseAgentFaultKinds('hang-after,hang-before')).toEqual(['hang after-effect', 'hang before-effect']);
    expect(AGENT_FAULT_KINDS.some((k) => k.startsWith('hang'))).toBe(false);
    expect(agentExploreCommand({ configFile: 'agentcheck.config.ts', seed: 1, maxTurns: 4, maxFaults: 2, faultKinds: ['hang after-effect'] }, '0:1')).toBe('npx agentcheck explore --config agentcheck.config.ts --seed 1 --path "0:1" --faults hang-after');
    const drawn = new Set<string>();
    fc.assert(fc.property(agentCaseArbitrary(exploreSpace(noDecide), { ...options, faultKinds: ['hang after-effect'] }), (g) => {
      for (const f of g.faults) {
        expect(f.text).toMatch(/^hang after-effect "(chat\.completions|POST payments\.internal\/v1\/refunds)" #\d+$/);
        drawn.add(f.label);
      }
    }), { seed: 1, numRuns: 100 });
    expect(drawn.size).toBe(2);
    expect(() => parseAgentFaultKinds('crash-after,meteor')).toThrow(/^--faults: unknown fault kind "meteor" for your own agent; choose from crash-before, crash-during, crash-after, response-lost, fails/);
    fc.assert(fc.property(agentCaseArbitrary(exploreSpace(noDecide), { ...options, faultKinds: [] }), (g) => g.faults.length === 0), { seed: 1, numRuns: 50 });
  });
});
