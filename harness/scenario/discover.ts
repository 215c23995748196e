import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { packageRoot } from '../paths.js';
import { loadScenarioFile, SCENARIO_EXTENSIONS } from './load.js';
import type { Scenario } from './schema.js';

/** Built-in scenarios live in scenarios/<category>/<name>/scenario.ts: found by file name, no list to keep. */
export function builtInScenarioIds(): string[] {
  const root = join(packageRoot, 'dist', 'scenarios');
  if (!existsSync(root)) throw new UsageError(`${root} is missing: run \`npm run build\` first`);
  const ids: string[] = [];
  for (const category of readdirSync(root).sort()) {
    const dir = join(root, category);
    for (const name of existsSync(dir) ? readdirSync(dir).sort() : []) {
      if (existsSync(join(dir, name, 'scenario.js'))) ids.push(`${category}/${name}`);
    }
  }
  return ids;
}

export function loadBuiltIn(id: string): Promise<Scenario> {
  return loadScenarioFile(join(packageRoot, 'dist', 'scenarios', id, 'scenario.js'), id);
}

/** The README beside a built-in scenario's source: its spec. */
export function builtInReadme(id: string): string {
  return join(packageRoot, 'scenarios', id, 'README.md');
}

/** `*` matches within a path segment, `**` across segments; a bare category selects its folder. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c, i, all) => {
      if (c === '*') return all[i + 1] === '*' ? '' : all[i - 1] === '*' ? '.*' : '[^/]*';
      if (c === '?') return '[^/]';
      return c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}(/.*)?$`);
}

const looksLikeFile = (arg: string) => SCENARIO_EXTENSIONS.includes(extname(arg).toLowerCase()) || existsSync(arg);

/** Turn `agentcheck run` arguments (patterns or files) into scenarios; none means every built-in. */
export async function selectScenarios(args: string[]): Promise<Scenario[]> {
  const ids = builtInScenarioIds();
  if (args.length === 0) return Promise.all(ids.map(loadBuiltIn));
  const out: Scenario[] = [];
  for (const arg of args) {
    if (looksLikeFile(arg) && !ids.includes(arg)) {
      out.push(await loadScenarioFile(arg));
      continue;
    }
    const re = globToRegExp(arg);
    const matched = ids.filter((id) => re.test(id));
    if (matched.length === 0) throw new UsageError(`no built-in scenario matches "${arg}" (see \`agentcheck list scenarios\`)`);
    for (const id of matched) if (!out.some((s) => s.id === id)) out.push(await loadBuiltIn(id));
  }
  return out;
}
