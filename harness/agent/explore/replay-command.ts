import type { AgentFaultKind } from '../faults.js';
import { AGENT_EXPLORE_DEFAULTS, AGENT_FAULT_KINDS } from './arbitrary.js';

export interface AgentReplayFlags {
  configFile: string;
  seed: number;
  maxTurns: number;
  maxFaults: number;
  faultKinds: readonly AgentFaultKind[];
}

const quote = (s: string) => (/^[\w./@:=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that generates and runs exactly the case at `path` again (the generation flags that change what is drawn included). */
export function agentExploreCommand(f: AgentReplayFlags, path: string): string {
  const extra: string[] = [];
  if (f.maxTurns !== AGENT_EXPLORE_DEFAULTS.maxTurns) extra.push(`--max-turns ${f.maxTurns}`);
  if (f.maxFaults !== AGENT_EXPLORE_DEFAULTS.maxFaults) extra.push(`--max-faults ${f.maxFaults}`);
  if (f.faultKinds.join(',') !== AGENT_FAULT_KINDS.join(',')) extra.push(`--faults ${f.faultKinds.length ? f.faultKinds.map(flagName).join(',') : 'none'}`);
  return `npx agentcheck explore --config ${quote(f.configFile)} --seed ${f.seed} --path "${path}"${extra.map((e) => ` ${e}`).join('')}`;
}

/** A fault kind as --faults names it: `crash-before`, `crash-during`, `crash-after`, `response-lost`, `fails`, `hang-before`, `hang-after`, `slow`. */
export const AGENT_FAULT_FLAGS: Record<string, AgentFaultKind> = {
  'crash-before': 'crash-worker before-effect',
  'crash-during': 'crash-worker during-effect',
  'crash-after': 'crash-worker after-effect',
  'response-lost': 'response-lost',
  fails: 'fails',
  // Not drawn unless named (arbitrary.ts HANG_FAULT_KINDS).
  'hang-before': 'hang before-effect',
  'hang-after': 'hang after-effect',
  // Not drawn unless named, and then only on a write whose host reads an idempotency key (arbitrary.ts SLOW_FAULT_KIND).
  slow: 'slow',
};
const flagName = (k: AgentFaultKind) => Object.entries(AGENT_FAULT_FLAGS).find(([, v]) => v === k)![0];

/** "crash-after,fails" to fault kinds; throws a message naming the bad one. */
export function parseAgentFaultKinds(text: string): AgentFaultKind[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 1 && names[0] === 'none') return [];
  const bad = names.filter((n) => !(n in AGENT_FAULT_FLAGS));
  if (bad.length || names.length === 0) throw new Error(`--faults: unknown fault kind ${bad.map((b) => `"${b}"`).join(', ') || '(empty)'} for your own agent; choose from ${Object.keys(AGENT_FAULT_FLAGS).join(', ')} (comma-separated), or none`);
  return [...new Set(names.map((n) => AGENT_FAULT_FLAGS[n]!))];
}
