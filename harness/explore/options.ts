import type { Adapter } from '../adapter.js';
import type { GenerateOptions } from './arbitrary/scenario.js';
import { FAULT_KINDS, packageFor, type FaultKind } from '../faults/registry.js';
import { RESTART_ALLOWANCE_MS } from '../timing.js';
import type { PropertyId } from '../checkers/verdict.js';

export const EXPLORE_DEFAULTS = {
  runs: 100,
  maxSteps: 6,
  shrinkTimeMs: 120_000,
  timeoutMs: 10_000,
  concurrency: 1,
} as const;

/** The default budget as explore prints it, at its start and beside the coverage it bought (decision 0067). */
export const DEFAULT_BUDGET_LINE = `${EXPLORE_DEFAULTS.runs} cases, the default, sized on the zoo of known-bad runtimes (docs/explore.md)`;

/** Every fault kind, less those needing a capability the adapter says its runtime lacks: what the suite's scenarios may use. */
export function supportedFaultKinds(adapter: Pick<Adapter, 'lacks'>): FaultKind[] {
  return FAULT_KINDS.filter((k) => {
    const needs = packageFor(k).oracle.needs;
    return !(needs && adapter.lacks?.[needs]);
  });
}

/** Why exploration does not generate a kind, if it does not (its package's offer is `none`). */
const notGenerated = (k: FaultKind): string | undefined => {
  const e = packageFor(k).explore;
  return e.offer === 'none' ? e.why : undefined;
};

/** Every kind exploration can generate. */
export const GENERATED_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((k) => notGenerated(k) === undefined);

/** What explore generates by default: the supported kinds it can generate fairly. */
export function defaultFaultKinds(adapter: Pick<Adapter, 'lacks'>): FaultKind[] {
  return supportedFaultKinds(adapter).filter((k) => GENERATED_FAULT_KINDS.includes(k));
}

export function generateOptionsFor(adapter: Pick<Adapter, 'lacks' | 'restartAllowanceMs'>, o: { maxSteps?: number; faultKinds?: readonly FaultKind[]; agents?: boolean; policies?: boolean }): GenerateOptions {
  return {
    ...(o.agents && !adapter.lacks?.['agent-steps'] ? { agents: true } : {}),
    ...(o.policies ? { policies: true } : {}),
    maxSteps: o.maxSteps ?? EXPLORE_DEFAULTS.maxSteps,
    faultKinds: o.faultKinds ?? defaultFaultKinds(adapter),
    timeouts: !adapter.lacks?.['approval-timeouts'],
    restartAllowanceMs: adapter.restartAllowanceMs ?? RESTART_ALLOWANCE_MS,
  };
}

/** "crash-worker,response-lost" to fault kinds; throws a message naming the bad one. */
export function parseFaultKinds(text: string): FaultKind[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 1 && names[0] === 'none') return [];
  const bad = names.filter((n) => !FAULT_KINDS.includes(n as FaultKind));
  if (bad.length || names.length === 0) throw new Error(`unknown fault kind ${bad.map((b) => `"${b}"`).join(', ') || '(empty)'}; choose from ${GENERATED_FAULT_KINDS.join(', ')} (comma-separated), or none`);
  const unfit = (names as FaultKind[]).find((n) => notGenerated(n) !== undefined);
  if (unfit) throw new Error(`"${unfit}" is ${notGenerated(unfit)}; choose from ${GENERATED_FAULT_KINDS.join(', ')} (comma-separated), or none`);
  return [...new Set(names as FaultKind[])];
}

/** The scenario id of a generated case: where it was found, so a replay gets the same id (and run id). */
export function generatedId(seed: number, path: string): string {
  return `explore-${seed}-${path.replace(/:/g, '.')}`;
}

const quote = (s: string) => (/^[\w./@:=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export interface ReplayFlags {
  adapterArg: string;
  seed: number;
  maxSteps: number;
  faultKinds: readonly FaultKind[];
  defaultKinds: readonly FaultKind[];
  timeoutMs: number;
  agents?: boolean;
  policies?: boolean;
  ignore?: readonly PropertyId[];
}

/** What a replay command must repeat of an exploration's options, the same for explore and --path. */
export function replayFlags(adapter: Pick<Adapter, 'name' | 'lacks'>, gen: GenerateOptions, o: { adapterArg?: string; seed: number; timeoutMs: number; ignore?: readonly PropertyId[] }): ReplayFlags {
  return {
    adapterArg: o.adapterArg ?? adapter.name,
    seed: o.seed,
    maxSteps: gen.maxSteps,
    faultKinds: gen.faultKinds,
    defaultKinds: defaultFaultKinds(adapter),
    timeoutMs: o.timeoutMs,
    ...(gen.agents ? { agents: true } : {}),
    ...(gen.policies ? { policies: true } : {}),
    ...(o.ignore?.length ? { ignore: o.ignore } : {}),
  };
}

/** The command that generates and runs exactly the case at `path` again. */
export function exploreReplayCommand(f: ReplayFlags, path: string): string {
  const extra: string[] = [];
  if (f.maxSteps !== EXPLORE_DEFAULTS.maxSteps) extra.push(`--max-steps ${f.maxSteps}`);
  if (f.faultKinds.join(',') !== f.defaultKinds.join(',')) extra.push(`--faults ${f.faultKinds.length ? f.faultKinds.join(',') : 'none'}`);
  if (f.timeoutMs !== EXPLORE_DEFAULTS.timeoutMs) extra.push(`--timeout ${f.timeoutMs}`);
  if (f.agents) extra.push('--agents');
  if (f.policies) extra.push('--policies');
  if (f.ignore?.length) extra.push(`--ignore ${f.ignore.join(',')}`);
  return `npx agentcheck explore --adapter ${quote(f.adapterArg)} --seed ${f.seed} --path "${path}"${extra.map((e) => ` ${e}`).join('')}`;
}

export function runReplayCommand(adapterArg: string, seed: number, file: string, timeoutMs: number): string {
  const t = timeoutMs !== EXPLORE_DEFAULTS.timeoutMs ? ` --timeout ${timeoutMs}` : '';
  return `npx agentcheck run ${quote(file)} --adapter ${quote(adapterArg)} --seed ${seed}${t}`;
}
