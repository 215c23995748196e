// Run by `prepare` in a clone of agentcheck (npm ci, npm install; never in a user's
// `npm i -D agentcheck`, where better-sqlite3 is an optional peer): make better-sqlite3
// (the LangGraph SQLite checkpointer's driver) load on the Node 24 that agentcheck runs
// on (node_modules/node/bin/node).
//
// Why: npm runs better-sqlite3's own install script with whatever headers the user's
// npmrc names (here nodedir=/usr, Node 20's), and there is no internet for prebuilt
// binaries, so the addon comes out built for the wrong ABI. This script checks the
// addon under Node 24 and, only if it fails to load, rebuilds it against Node 24's
// own headers: those of the node-<os>-<arch> package the `node` devDependency
// installs, or, when a later `npm install` pruned that package, a copy fetched once
// with `npm pack` into node_modules/.cache. Plain JavaScript: npm may run it on any Node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const node24 = join(root, 'node_modules', 'node', 'bin', 'node');
const say = (line) => console.log(`build-better-sqlite3: ${line}`);

if (!existsSync(node24)) {
  say('no node_modules/node/bin/node (devDependencies omitted?): nothing to do');
  process.exit(0);
}
if (!existsSync(join(root, 'node_modules', 'better-sqlite3'))) {
  say('better-sqlite3 is not installed: nothing to do');
  process.exit(0);
}

const loads = () => spawnSync(node24, ['-e', "require('better-sqlite3')(':memory:').close()"], { cwd: root, encoding: 'utf8' });
const version = spawnSync(node24, ['-p', 'process.version.slice(1)'], { encoding: 'utf8' }).stdout.trim();

if (loads().status === 0) {
  say(`better-sqlite3 loads on Node ${version}`);
  process.exit(0);
}

/** A folder whose include/node holds the headers of exactly this Node version. */
function headersDir() {
  const pkg = `node-${process.platform}-${process.arch}`;
  const hasHeaders = (dir) => existsSync(join(dir, 'include', 'node', 'node_version.h'));
  const bundled = join(root, 'node_modules', 'node', 'node_modules', pkg);
  if (hasHeaders(bundled)) return bundled;
  const cached = join(root, 'node_modules', '.cache', 'node-headers', version, 'package');
  if (hasHeaders(cached)) return cached;
  // The registry ships Node as a package; its tarball carries the headers.
  const dest = join(root, 'node_modules', '.cache', 'node-headers', version);
  mkdirSync(dest, { recursive: true });
  say(`fetching ${pkg}@${version} for its headers (npm pack)`);
  const pack = spawnSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', dest, '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(dest).find((f) => f.endsWith('.tgz'));
  if (pack.status !== 0 || !tarball) return undefined;
  const untar = spawnSync('tar', ['-xzf', join(dest, tarball), '-C', dest, 'package/include', 'package/package.json'], { stdio: 'inherit' });
  return untar.status === 0 && hasHeaders(cached) ? cached : undefined;
}

const nodedir = headersDir();
if (!nodedir) {
  console.error(`build-better-sqlite3: could not find or fetch Node ${version}'s headers; the LangGraph adapter will not load.
  Fix: npm_config_nodedir=<folder with include/node of Node ${version}> npm rebuild better-sqlite3`);
  process.exit(1);
}
say(`rebuilding better-sqlite3 for Node ${version} with headers from ${nodedir}`);
// build_from_source skips prebuild-install's download attempt (no internet here anyway).
const rebuild = spawnSync('npm', ['rebuild', 'better-sqlite3'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, npm_config_nodedir: nodedir, npm_config_build_from_source: 'true', PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` },
});
const after = loads();
if (rebuild.status !== 0 || after.status !== 0) {
  console.error(`build-better-sqlite3: better-sqlite3 still does not load on Node ${version}:\n${after.stderr}
  Fix: npm_config_nodedir=${nodedir} npm rebuild better-sqlite3`);
  process.exit(1);
}
say(`better-sqlite3 now loads on Node ${version}`);
