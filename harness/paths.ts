import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/**
 * A compiled file under dist/. Workers always run from compiled JavaScript, never
 * through a TypeScript loader, so that a restart after a crash stays cheap.
 */
export function compiledPath(relative: string): string {
  const file = join(packageRoot, 'dist', relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  return file;
}
