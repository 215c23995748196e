import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

/** Source files (not tests) below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ts$/.test(f) && !/\.test(-helpers)?\.ts$/.test(f))
    .map((f) => join(dir, f));
}

// Processes that are programs of their own (the watchdog, workers: harness/worker-kit.ts and
// adapters' worker*.ts) may end themselves; the library may not.
const OWN_PROCESSES = new Set(['harness/process/watchdog.ts', 'harness/worker-kit.ts']);

describe('exit codes are the shell\'s', () => {
  it('nothing outside cli/ sets process.exitCode or calls process.exit, but the worker and watchdog processes', () => {
    const offenders = ['harness', 'reports', 'adapters', 'scenarios']
      .flatMap(sources)
      .filter((f) => !OWN_PROCESSES.has(relative(root, join(root, f))) && !f.includes('/worker'))
      .filter((f) => /process\.exit(Code\b|\()/.test(readFileSync(join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
