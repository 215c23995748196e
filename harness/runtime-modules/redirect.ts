import { existsSync, readFileSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The folder of a project whose runtime packages replace agentcheck's own: every
 * process of a run (the CLI, the adapter, its workers) resolves the packages that
 * project depends on from there, so an adapter runs against a pinned old release.
 */
export const RUNTIME_MODULES_ENV = 'AGENTCHECK_RUNTIME_MODULES';

/** The package names a bare import specifier starts with: `@scope/name/sub` -> `@scope/name`. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

/** The project's direct dependencies: only those are redirected, so agentcheck's own zod or execa stay its own. */
export function redirectedPackages(projectDir: string): Set<string> {
  const file = join(projectDir, 'package.json');
  if (!existsSync(file)) throw new Error(`${RUNTIME_MODULES_ENV}=${projectDir}: no package.json there; expected a project folder made by \`agentcheck run --pin\` or by npm`);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.dependencies ?? {}));
}

let installed: string | undefined;
let resolvingFromProject = false;

/**
 * Resolve the project's packages (imports and requires alike) as if imported from the
 * project itself; what they import in turn then comes from the project too. Returns
 * false when nothing is to be redirected. Idempotent within a process.
 */
export function redirectRuntimeModules(projectDir: string | undefined = process.env[RUNTIME_MODULES_ENV]): boolean {
  if (!projectDir) return false;
  if (installed === projectDir) return true;
  if (installed) throw new Error(`runtime modules already redirected to ${installed}, cannot also redirect to ${projectDir}`);
  const names = redirectedPackages(projectDir);
  const parentURL = pathToFileURL(join(projectDir, 'package.json')).href;
  const fromProject = createRequire(parentURL);
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const name = packageName(specifier);
      if (!name || !names.has(name)) return nextResolve(specifier, context);
      // require() resolves from its parent module, not from parentURL: resolve it ourselves
      // (that require.resolve comes back through this hook, hence the guard).
      if (context.conditions?.includes('require')) {
        if (resolvingFromProject) return nextResolve(specifier, context);
        resolvingFromProject = true;
        try {
          return { url: pathToFileURL(fromProject.resolve(specifier)).href, shortCircuit: true };
        } finally {
          resolvingFromProject = false;
        }
      }
      return nextResolve(specifier, { ...context, parentURL });
    },
  });
  installed = projectDir;
  return true;
}

/**
 * Redirect this process and every Node process it starts from now on (through
 * NODE_OPTIONS, which children inherit) to the pinned project in `projectDir`.
 */
export function useRuntimeModules(projectDir: string): void {
  redirectRuntimeModules(projectDir);
  process.env[RUNTIME_MODULES_ENV] = projectDir;
  const preload = new URL('./preload.js', import.meta.url).href;
  const options = process.env.NODE_OPTIONS ?? '';
  if (!options.includes(preload)) process.env.NODE_OPTIONS = `${options} --import=${preload}`.trim();
}

/**
 * The pinned project's packages and their folders (none without AGENTCHECK_RUNTIME_MODULES),
 * for resolvers that bypass Node's, such as the webpack that bundles Temporal workflows:
 * give them these as aliases.
 */
export function pinnedPackageFolders(projectDir: string | undefined = process.env[RUNTIME_MODULES_ENV]): Record<string, string> {
  if (!projectDir) return {};
  return Object.fromEntries([...redirectedPackages(projectDir)].map((name) => [name, join(projectDir, 'node_modules', name)]));
}
