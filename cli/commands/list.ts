import type { Command } from 'commander';
import { EXIT } from '../../harness/errors.js';
import { builtInAdapterNames, loadAdapter } from '../../harness/load-adapter.js';
import { builtInReadme, builtInScenarioIds, loadBuiltIn } from '../../harness/scenario/discover.js';

/** `agentcheck list scenarios|adapters`. */
export function registerList(program: Command, exit: (code: number) => void): void {
  const list = program.command('list').description('list built-in scenarios or adapters');
  list
    .command('scenarios')
    .description('every built-in scenario, with what it proves')
    .action(async () => exit(await listScenarios()));
  list
    .command('adapters')
    .description('every built-in adapter')
    .action(async () => exit(await listAdapters()));
}

export async function listScenarios(): Promise<number> {
  for (const id of builtInScenarioIds()) {
    const s = await loadBuiltIn(id);
    process.stdout.write(`${id.padEnd(44)} ${s.description}\n`);
  }
  process.stdout.write(`\nEach has a README: ${builtInReadme('<id>')}\n`);
  return EXIT.passed;
}

export async function listAdapters(): Promise<number> {
  const names = builtInAdapterNames();
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) {
    const a = await loadAdapter(name);
    process.stdout.write(`${name.padEnd(width)}  ${a.description}\n`);
  }
  process.stdout.write('\nYour own: --adapter ./path/to/adapter.ts (see docs/adapters.md)\n');
  return EXIT.passed;
}
