import { modelLabelOf } from '../../world/face.js';
import { MODEL_LABELS } from '../../world/script.js';
import { isWrite } from '../../world/services.js';
import { approvalsOf, type AgentConfig } from '../config.js';

/** A tool call the scripted model may make, as the config's scenarios script it. */
export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
  /** The agent asks a person before running it: some scenario delivers a decision right after the model asked for it. */
  asksApproval: boolean;
}

/**
 * What explore may script for this agent (decision 0078). Drawn from the config itself, so
 * a generated case only uses what the agent is known to handle: the tool calls and text
 * answers its scenarios script, approvals where its scenarios give one, and faults on the
 * model and on the writes it declares or its scenarios name.
 */
export interface ExploreSpace {
  /** `chat.completions` or `messages`: how faults name the model's calls. */
  modelLabel: string;
  /** Each distinct tool call of the scenarios' scripts, once: the same call twice in one script would be a second refund the model asked for, not a duplicate. */
  tools: ToolCall[];
  texts: string[];
  /** Effects a fault may name besides the model: declared write routes without a wildcard, and the effects the scenarios' faults name. */
  writeLabels: string[];
  /**
   * The write labels on a host with an `idempotencyHeader`: where a `slow` fault is fair,
   * since a retry there can meet the 409 of a key in use and then the first answer (decision 0103).
   */
  keyedWriteLabels: string[];
  /** The config says how to deliver a decision. */
  decide: boolean;
  /** Whether a scenario has a person who never answers (decision 0107): the agent has a deadline, so explore draws it too. */
  silence: boolean;
  /** Each generated case's time limit: the longest of the scenarios'. */
  timeoutMs: number;
}

export function exploreSpace(config: AgentConfig): ExploreSpace {
  const api = Object.values(config.hosts).find((h) => h.model)!.model!;
  const tools = new Map<string, ToolCall>();
  const texts = new Set<string>();
  for (const s of config.scenarios) {
    s.model.forEach((turn, i) => {
      if ('text' in turn) return void texts.add(turn.text);
      const id = JSON.stringify([turn.tool, turn.args]);
      const decided = approvalsOf(s).some((a) => a.afterTurn === i + 1);
      const known = tools.get(id);
      tools.set(id, { tool: turn.tool, args: turn.args, asksApproval: (known?.asksApproval ?? false) || decided });
    });
  }
  const declared = Object.entries(config.hosts).flatMap(([host, spec]) => spec.writes.filter((w) => !w.includes('*')).map((w) => w.replace(' /', ` ${host}/`)));
  const named = config.scenarios.flatMap((s) => s.faults.map((f) => f.label)).filter((l) => !MODEL_LABELS.includes(l));
  const writeLabels = [...new Set([...declared, ...named])];
  return {
    modelLabel: modelLabelOf(api),
    tools: [...tools.values()],
    texts: [...texts],
    writeLabels,
    keyedWriteLabels: writeLabels.filter(keyedWrite(config)),
    decide: Boolean(config.decide),
    silence: config.scenarios.some((s) => approvalsOf(s).some((a) => a.decision === 'none')),
    timeoutMs: Math.max(...config.scenarios.map((s) => s.timeoutMs)),
  };
}

/** "POST host/path" is a write route of a host that reads an idempotency key. */
const keyedWrite = (config: AgentConfig) => (label: string) => {
  const [method, rest] = label.split(' ');
  const slash = rest!.indexOf('/');
  const spec = config.hosts[rest!.slice(0, slash)];
  return Boolean(spec?.idempotencyHeader) && isWrite(spec!, method!, rest!.slice(slash));
};
