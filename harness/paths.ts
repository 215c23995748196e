import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding agentcheck's package.json, whether running from dist/ or from source. */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = dirname(dir);
    if (up === dir) throw new Error('agentcheck: cannot find its own package.json');
    dir = up;
  }
  return dir;
})();

/** Where agentcheck keeps what it builds or downloads once per machine (the Temporal dev server). */
export const cacheDir = join(packageRoot, '.cache');

/** A compiled file of agentcheck's own under dist/ (the harness's watchdog, say). */
export function compiledPath(relativePath: string): string {
  const file = join(packageRoot, 'dist', relativePath);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}

/**
 * A script beside the module at `moduleUrl` (pass `import.meta.url`), as the harness's
 * Node will run it: `worker.ts` beside a TypeScript adapter (type stripping), `worker.js`
 * beside compiled code. agentcheck's own sources ask for `.js`: vitest runs them as
 * TypeScript, but their `.js` imports resolve only in dist/, so they get the compiled twin.
 */
export function scriptBeside(moduleUrl: string, name: string): string {
  const dir = dirname(fileURLToPath(moduleUrl));
  const fromRoot = relative(packageRoot, dir);
  const inOwnSources = moduleUrl.endsWith('.ts') && name.endsWith('.js') && !fromRoot.startsWith('..');
  if (inOwnSources) return compiledPath(join(fromRoot, name));
  const file = join(dir, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: scriptBeside(import.meta.url, '${name}') names a file beside the adapter module`);
  return file;
}
