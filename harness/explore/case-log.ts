import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaseVerdict } from '../case/run-case.js';
import type { PropertyId } from '../checkers/verdict.js';

/** One line of explore.jsonl: a finished case, written the moment it finishes. */
export interface CaseRecord {
  phase: 'explore' | 'shrink' | 'replay';
  /** fast-check's path: the run index, then the shrink steps taken from it. */
  path: string;
  id: string;
  verdict: CaseVerdict;
  steps: number;
  faults: string[];
  /** Properties that failed. */
  failed: PropertyId[];
  durationMs: number;
  /** The case's own record (history, effects, case.json). */
  dir: string;
  error?: string;
  skipReason?: string;
}

/** explore.jsonl: appended line by line, so an interrupted exploration keeps every finished case. */
export class CaseLog {
  readonly file: string;
  constructor(file: string) {
    this.file = file;
    mkdirSync(dirname(file), { recursive: true });
  }
  add(record: CaseRecord): void {
    appendFileSync(this.file, JSON.stringify(record) + '\n');
  }
}
