import fc from 'fast-check';
import type { ModelTurn } from '../../world/script.js';
import type { AgentApproval, AgentScenario } from '../config.js';
import { parseFault, type AgentFaultKind, type ParsedFault } from '../faults.js';
import type { ExploreSpace, ToolCall } from './space.js';

/** A generated case: a scenario of the config's shape, named later by where it was found. */
export type GeneratedAgentCase = Omit<AgentScenario, 'name'>;

/** What explore draws by default. */
export const AGENT_FAULT_KINDS: readonly AgentFaultKind[] = ['crash-worker before-effect', 'crash-worker during-effect', 'crash-worker after-effect', 'response-lost', 'fails'];
/**
 * Drawn only when --faults names them: a hung call lasts as long as the agent's own
 * timeout, minutes by default in most clients, so a case would mostly wait out its deadline (decision 0093).
 */
export const HANG_FAULT_KINDS: readonly AgentFaultKind[] = ['hang before-effect', 'hang after-effect'];
/**
 * Drawn only when --faults names it, and then only on a write whose host reads an
 * idempotency key (space.keyedWriteLabels): a call held in progress until the agent's
 * next call on its route, which a client with no timeout waits on as on a hang (decisions 0103, 0108).
 */
export const SLOW_FAULT_KIND: AgentFaultKind = 'slow';

export interface AgentGenerateOptions {
  /** Most model turns in a script, its text answer included. */
  maxTurns: number;
  /** Most faults in a case. */
  maxFaults: number;
  faultKinds: readonly AgentFaultKind[];
}

export const AGENT_EXPLORE_DEFAULTS = { runs: 30, maxTurns: 4, maxFaults: 2, shrinkTimeMs: 180_000 } as const;

/**
 * Model scripts and fault schedules for your own agent, from the space its config
 * allows (space.ts). Every part shrinks toward less: fewer tool calls (fast-check's
 * subarray), no usage given (the default), fewer faults, lower call numbers, and a
 * rejection before an approval. Every call a person is asked about gets a decision of
 * its own (decision 0106). Faults are drawn apart from the script and folded onto
 * its calls (landOnScript), so shrinking the script never has to redraw the faults.
 */
export function agentCaseArbitrary(space: ExploreSpace, o: AgentGenerateOptions): fc.Arbitrary<GeneratedAgentCase> {
  const usage = fc.option(fc.record({ prompt: fc.integer({ min: 1, max: 4000 }), completion: fc.integer({ min: 1, max: 400 }) }), { nil: undefined });
  const labels = [space.modelLabel, ...space.writeLabels];
  // No write where a slow call is fair: it is not drawn.
  const kinds = space.keyedWriteLabels.length ? o.faultKinds : o.faultKinds.filter((k) => k !== SLOW_FAULT_KIND);
  const faults: fc.Arbitrary<{ kind: AgentFaultKind; label: string; nth: number }[]> = kinds.length
    ? fc.uniqueArray(fc.record({ kind: fc.constantFrom(...kinds), label: fc.constantFrom(...labels), nth: fc.integer({ min: 1, max: o.maxTurns }) }), { maxLength: o.maxFaults, selector: (f) => `${f.label}#${f.nth}` })
    : fc.constant([]);
  // A script with no tool call shows little: drawn one time in five, and where a failure shrinks to when it can.
  // A person who never answers only for an agent a scenario shows to have a deadline (decision 0107): another would wait out the case.
  const decisionKinds = ['reject' as const, 'approve' as const, ...(space.silence ? ['none' as const] : [])];
  const anyCalls = fc.shuffledSubarray(space.tools, { minLength: Math.min(1, space.tools.length), maxLength: Math.min(space.tools.length, o.maxTurns - 1) });
  return fc
    .record({
      calls: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant<ToolCall[]>([]), weight: 1 }, { arbitrary: anyCalls, weight: 4 }),
      text: fc.constantFrom(...space.texts),
      usages: fc.array(usage, { minLength: o.maxTurns, maxLength: o.maxTurns }),
      decision: fc.constantFrom(...decisionKinds),
      // A double-clicked decision, one case in four: both at once, or a little apart; shrinks to one click.
      twice: fc.oneof({ withCrossShrink: true }, { arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 300 })), weight: 1 }),
      faults,
      // The decisions on later calls a person is asked about (decision 0106): drawn last, so a case with one decision is drawn as before.
      later: fc.array(fc.constantFrom(...decisionKinds), { minLength: o.maxTurns, maxLength: o.maxTurns }),
    })
    .map(({ calls, text, usages, decision, twice, faults: fs, later }) => {
      // Without `decide` no call a person is asked about can run to its end.
      const kept = calls.filter((c) => !c.asksApproval || space.decide);
      const withUsage = (t: ModelTurn, i: number): ModelTurn => (usages[i] ? { ...t, usage: usages[i] } : t);
      const model = [...kept.map((c) => ({ tool: c.tool, args: c.args })), { text }].map(withUsage);
      const approvals = kept.flatMap((c, i) => (c.asksApproval ? [i + 1] : [])).map((afterTurn, j): AgentApproval => {
        const d = j === 0 ? decision : later[j];
        // A decision nobody sends is never sent twice.
        return { afterTurn, decision: d, ...(j === 0 && twice !== undefined && d !== 'none' ? { twice: { spacingMs: twice } } : {}) };
      });
      return {
        model,
        ...(approvals.length === 1 ? { approval: approvals[0] } : approvals.length > 1 ? { approvals } : {}),
        faults: landOnScript(fs.map(slowOnKeyedWrite(labels, space.keyedWriteLabels)), space.modelLabel, model.length, kept.length),
        timeoutMs: space.timeoutMs,
      };
    });
}

/**
 * A fault's call number, folded onto the calls the script makes (the model is asked once
 * a turn; each tool call is taken to write once), so most drawn faults fire; a number
 * shrinks toward 1 all the same. Faults that land on the same call keep the first.
 */
function landOnScript(drawn: readonly { kind: AgentFaultKind; label: string; nth: number }[], modelLabel: string, turns: number, toolCalls: number): ParsedFault[] {
  const seen = new Set<string>();
  return drawn.flatMap((f) => {
    const calls = f.label === modelLabel ? turns : toolCalls;
    const nth = calls > 0 ? ((f.nth - 1) % calls) + 1 : f.nth;
    const text = `${f.kind} "${f.label}" #${nth}`;
    if (seen.has(`${f.label}#${nth}`)) return [];
    seen.add(`${f.label}#${nth}`);
    return [parseFault(text)!];
  });
}

/**
 * A slow fault drawn on a label where it is not fair (the model, a write with no key) is
 * moved to a keyed write, by the drawn label's place: the label still shrinks toward the first.
 */
const slowOnKeyedWrite =
  (labels: readonly string[], keyed: readonly string[]) =>
  <F extends { kind: AgentFaultKind; label: string }>(f: F): F =>
    f.kind !== SLOW_FAULT_KIND || keyed.includes(f.label) ? f : { ...f, label: keyed[labels.indexOf(f.label) % keyed.length]! };

/** A case's size for the shrinker: model turns, then faults. */
export const agentCaseSize = (g: GeneratedAgentCase) => ({ steps: g.model.length, faults: g.faults.length });

/** Two cases that would run the same (the name left out). */
export const agentCaseKey = (g: GeneratedAgentCase) => JSON.stringify({ model: g.model, approval: g.approval, approvals: g.approvals, faults: g.faults.map((f) => f.text) });
