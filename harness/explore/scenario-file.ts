import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Document } from 'yaml';
import type { Scenario } from '../scenario/schema.js';

export interface ScenarioFileNotes {
  adapter: string;
  seed: number;
  path: string;
  failed: string[];
  replay: string[];
}

/**
 * Write a found case as a scenario file: `agentcheck run <file>` runs it, and it can
 * be kept under scenarios/ as a regression case. Defaults are written out so the
 * file means the same thing if a default changes later.
 */
export function writeScenarioFile(file: string, scenario: Scenario, notes: ScenarioFileNotes): void {
  const { id, category, description, plan, decisions, faults } = scenario;
  const doc = new Document({ id, category, description, plan, decisions, faults });
  doc.commentBefore = [
    ` Found by agentcheck explore on the ${notes.adapter} adapter (seed ${notes.seed}, path ${notes.path}).`,
    ` It failed: ${notes.failed.join(', ') || '(nothing)'}.`,
    ' Replay it:',
    ...notes.replay.map((r) => `   ${r}`),
  ].join('\n');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
}
