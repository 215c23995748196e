import { readFileSync, existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describeIssues, UsageError } from '../errors.js';
import { Scenario, type ScenarioInput } from './schema.js';

export const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json', '.ts', '.mts', '.js', '.mjs'];

/** Validate scenario data; `file` and `id` say where it came from. */
export function parseScenario(data: unknown, file: string, id: string): Scenario {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) throw new UsageError(describeIssues(file, parsed.error));
  return { ...parsed.data, id: parsed.data.id ?? id };
}

/** Load a scenario from YAML, JSON, or a module whose default export is the scenario. */
export async function loadScenarioFile(path: string, id = basename(path, extname(path))): Promise<Scenario> {
  const file = resolve(path);
  if (!existsSync(file)) throw new UsageError(`${path}: no such scenario file`);
  const ext = extname(file).toLowerCase();
  let data: unknown;
  if (ext === '.yaml' || ext === '.yml' || ext === '.json') {
    const text = readFileSync(file, 'utf8');
    try {
      data = ext === '.json' ? JSON.parse(text) : parseYaml(text);
    } catch (err) {
      throw new UsageError(`${path} is not valid ${ext === '.json' ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
    }
  } else if (SCENARIO_EXTENSIONS.includes(ext)) {
    let mod: { default?: ScenarioInput; scenario?: ScenarioInput };
    try {
      mod = (await import(pathToFileURL(file).href)) as typeof mod;
    } catch (err) {
      throw new UsageError(`${path} could not be loaded: ${(err as Error).message.split('\n')[0]}`);
    }
    data = mod.default ?? mod.scenario;
    if (data === undefined) throw new UsageError(`${path}: export the scenario as the default export (export default defineScenario({...}))`);
  } else {
    throw new UsageError(`${path}: a scenario file ends in ${SCENARIO_EXTENSIONS.join(', ')}`);
  }
  return parseScenario(data, path, id);
}
