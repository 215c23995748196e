import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** A pinned package: `name@exact-version`, scoped or not. */
export interface PinnedPackage {
  name: string;
  version: string;
}

const PINNED = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*@\d+\.\d+\.\d+[\w.+-]*$/i;

/** `@restatedev/restate-sdk@1.14.4` -> name and version; anything but an exact version is refused. */
export function parsePinned(spec: string): PinnedPackage {
  if (!PINNED.test(spec)) throw new Error(`"${spec}": expected a package pinned to one exact version, like @restatedev/restate-sdk@1.14.4`);
  const at = spec.lastIndexOf('@');
  return { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

/** Where pinned projects are kept, one folder per set of pins, shared by every clone on the machine. */
export function museumCacheDir(): string {
  return process.env.AGENTCHECK_MUSEUM_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'agentcheck', 'museum');
}

/** The folder name for a set of pins: readable, and the same whatever order they were given in. */
export function projectKey(pins: PinnedPackage[]): string {
  return pins
    .map((p) => `${p.name}@${p.version}`)
    .sort()
    .join('+')
    .replaceAll('/', '__');
}

// A complete install writes this last: a folder without it is a half install and is redone.
const COMPLETE = '.agentcheck-complete';
const INSTALL_LIMIT_MS = 10 * 60_000;

/**
 * A project holding exactly these pinned packages (and what they depend on), installed
 * from the registry with npm the first time and reused after. Point
 * AGENTCHECK_RUNTIME_MODULES at the returned folder to run an adapter against them.
 */
export async function installPinned(specs: string[], opts: { cacheDir?: string } = {}): Promise<string> {
  if (specs.length === 0) throw new Error('installPinned: name at least one package');
  const pins = specs.map(parsePinned);
  const cache = opts.cacheDir ?? museumCacheDir();
  const dir = join(cache, projectKey(pins));
  if (existsSync(join(dir, COMPLETE))) return dir;
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  // Installed beside and renamed into place, so two runs installing at once never see half a project.
  const tmp = mkdtempSync(join(cache, '.installing-'));
  try {
    const dependencies = Object.fromEntries(pins.map((p) => [p.name, p.version]));
    writeFileSync(join(tmp, 'package.json'), JSON.stringify({ name: 'agentcheck-pinned-runtime', private: true, dependencies }, null, 2));
    // Scripts are not run: the runtimes here ship prebuilt binaries and need no build
    // step, and it keeps install-time telemetry (@scarf/scarf) quiet.
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: tmp, timeout: INSTALL_LIMIT_MS, maxBuffer: 16 * 1024 * 1024 }).catch((err: Error & { stderr?: string }) => {
      throw new Error(`npm install ${specs.join(' ')} failed: ${(err.stderr ?? err.message).trim().split('\n').filter((l) => !l.includes('complete log')).slice(-3).join(' ')}`);
    });
    writeFileSync(join(tmp, COMPLETE), new Date().toISOString());
    try {
      renameSync(tmp, dir);
    } catch {
      // Another run finished the same install first: keep theirs.
      if (!existsSync(join(dir, COMPLETE))) throw new Error(`could not move the install of ${specs.join(' ')} into ${dir}`);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
