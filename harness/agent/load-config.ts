import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../errors.js';
import { AgentConfig } from './config.js';
import { CONFIG_FILE } from './config-file.js';


/** Load and check a config file; any problem is one line naming the file and the field. */
export async function loadAgentConfig(file = CONFIG_FILE): Promise<{ config: AgentConfig; dir: string }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`${file} not found (agentcheck init writes one)`);
  let loaded: unknown;
  try {
    // Node 24 strips the types of a .ts file itself: no build step for the config.
    loaded = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default;
  } catch (err) {
    throw new UsageError(`${file} did not load: ${String((err as Error).message).split('\n')[0]}`);
  }
  if (loaded === undefined) throw new UsageError(`${file}: expected \`export default defineConfig({...})\``);
  const parsed = AgentConfig.safeParse(loaded);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('') || '(top level)';
    throw new UsageError(`${file}: ${where}: ${issue.message}`);
  }
  return { config: parsed.data, dir: resolve(path, '..') };
}
