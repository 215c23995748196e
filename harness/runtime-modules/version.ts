import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

/**
 * The version of a runtime package as the adapter at `fromUrl` loads it (the pinned one
 * under AGENTCHECK_RUNTIME_MODULES: the module hooks see require.resolve too), for the report; '?' when it cannot be found. Walks
 * up from the package's entry, since not every package exports its package.json.
 */
export function runtimePackageVersion(name: string, fromUrl: string): string {
  const req = createRequire(fromUrl);
  try {
    return (JSON.parse(readFileSync(req.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    // not in its exports map: found from its entry below
  }
  try {
    let dir = dirname(req.resolve(name));
    for (;;) {
      const file = join(dir, 'package.json');
      if (existsSync(file)) {
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name && pkg.version) return pkg.version;
      }
      const up = dirname(dir);
      if (up === dir) return '?';
      dir = up;
    }
  } catch {
    return '?';
  }
}
