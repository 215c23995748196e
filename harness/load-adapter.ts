import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Adapter } from './adapter.js';
import { UsageError } from './errors.js';
import { packageRoot } from './paths.js';
import { locateSyntaxError } from './syntax-error.js';

/** Built-in adapters are the folders of adapters/ with an index: found, not listed by hand. */
export function builtInAdapterNames(): string[] {
  const root = join(packageRoot, 'dist', 'adapters');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((name) => existsSync(join(root, name, 'index.js'))).sort();
}

const looksLikePath = (s: string) => s.startsWith('.') || s.startsWith('/') || /\.(m?[jt]s)$/.test(s);

/** `--adapter reference` or `--adapter ./my-adapter.ts` (default export, or an export named `adapter`). */
export async function loadAdapter(nameOrPath: string): Promise<Adapter> {
  let file: string;
  if (looksLikePath(nameOrPath)) {
    file = resolve(nameOrPath);
    if (!existsSync(file)) throw new UsageError(`--adapter ${nameOrPath}: no such file`);
  } else {
    const names = builtInAdapterNames();
    if (!names.includes(nameOrPath)) throw new UsageError(`--adapter ${nameOrPath}: unknown adapter; built in: ${names.join(', ')} (or give a path to your own)`);
    file = join(packageRoot, 'dist', 'adapters', nameOrPath, 'index.js');
  }
  let mod: { default?: Adapter; adapter?: Adapter };
  try {
    mod = (await import(pathToFileURL(file).href)) as typeof mod;
  } catch (err) {
    const where = locateSyntaxError(err, file);
    throw new UsageError(`--adapter ${nameOrPath}: could not be loaded: ${where ? `${where}: ` : ''}${(err as Error).message.split('\n')[0]}${missingPackageHint(err)}`);
  }
  const adapter = mod.adapter ?? mod.default;
  if (!adapter || typeof adapter.name !== 'string' || typeof adapter.openCase !== 'function') {
    throw new UsageError(`--adapter ${nameOrPath}: export an adapter (an object with name and openCase) as default or as \`adapter\`; see docs/adapters.md`);
  }
  return adapter;
}

/** Built-in adapters' runtime SDKs are optional peers (decision 0027): say which to install. */
export function missingPackageHint(err: unknown): string {
  const missing = /Cannot find package '([^']+)'/.exec(err instanceof Error ? err.message : '')?.[1];
  return missing ? `\n  install it beside agentcheck: npm i -D ${missing}` : '';
}
