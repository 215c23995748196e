import type { PropertyId } from '../checkers/verdict.js';
import type { CaseResult } from './case.js';
import type { Report } from './schema.js';

// A reporter hears a run as it happens and renders its report at the end, the way
// vitest's reporters do: every hook is optional and reads only the report model.
// `agentcheck run` and `agentcheck explore` drive the same hooks; the shrink hooks
// are heard only from explore. See docs/decisions/0021-reporters-read-the-report-model.md.

export interface RunStart {
  seed: number;
  concurrency: number;
  outDir: string;
  /** Cases the run will finish, when known (not for an exploration bounded by time). */
  total?: number;
  /** An exploration bounded by time: how long it may take. */
  timeLimitMs?: number;
}

export interface CaseStart {
  /** The case's id; for a generated case (explore), its fast-check path. */
  id: string;
}

export interface CaseEnd {
  result: CaseResult;
  /** Cases finished so far, this one included. */
  done: number;
  total?: number;
  /** A generated case's fast-check path (explore). */
  path?: string;
}

/** One run of a case run several times (--repeat), before the merged result. */
export interface RepetitionEnd {
  result: CaseResult;
  run: number;
  runs: number;
}

export interface ShrinkStart {
  path: string;
  steps: number;
  faults: number;
  failed: PropertyId[];
  budgetMs: number;
}

export interface ShrinkTry {
  tried: number;
  /** The smallest failing case so far. */
  steps: number;
  faults: number;
}

export interface Reporter {
  onRunStart?(run: RunStart): void;
  onCaseStart?(c: CaseStart): void;
  onRepetitionEnd?(r: RepetitionEnd): void;
  onCaseEnd?(c: CaseEnd): void;
  onShrinkStart?(s: ShrinkStart): void;
  onShrinkTry?(t: ShrinkTry): void;
  /** The run is over; `report` is absent for an exploration, whose result is not a report. */
  onRunEnd?(report?: Report): void;
  /** The report in this reporter's format (terminal, json, junit, markdown). */
  render?(report: Report): string;
}

type Hooks = Required<Omit<Reporter, 'render'>>;

/** One reporter that passes every hook on to each of `reporters`, in order. */
export function fanOut(reporters: readonly Reporter[]): Hooks {
  const each =
    <K extends keyof Hooks>(hook: K) =>
    (...args: Parameters<Hooks[K]>) => {
      for (const r of reporters) (r[hook] as ((...a: Parameters<Hooks[K]>) => void) | undefined)?.(...args);
    };
  return {
    onRunStart: each('onRunStart'),
    onCaseStart: each('onCaseStart'),
    onRepetitionEnd: each('onRepetitionEnd'),
    onCaseEnd: each('onCaseEnd'),
    onShrinkStart: each('onShrinkStart'),
    onShrinkTry: each('onShrinkTry'),
    onRunEnd: each('onRunEnd'),
  };
}
