// Where the Temporal server comes from, in the order a user expects: the address
// they give, a `temporal` binary they have, the project's cached build, and last the
// SDK's own download. Each miss is one line; when all miss, agentcheck exits 2.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { cacheDir, CouldNotRunError } from '../../harness/kit.js';

/** The CLI version `npm run setup:temporal` builds (scripts/setup-temporal.sh). */
export const CLI_VERSION = 'v1.5.1';

export interface ServerChoice {
  /** An existing server or Temporal Cloud (host:port). */
  address?: string;
  namespace?: string;
  /** Temporal Cloud API key; implies TLS. */
  apiKey?: string;
  /** A `temporal` CLI binary to run the dev server from. */
  binary?: string;
}

export type ServerSource =
  | { kind: 'address'; address: string; namespace: string; apiKey?: string }
  | { kind: 'binary'; binary: string; how: string };

export interface LocateOptions {
  choice?: ServerChoice;
  env?: NodeJS.ProcessEnv;
  /** Where `npm run setup:temporal` puts the binary. */
  cachedBinary?: string;
  /** Where the SDK may download the dev server to; undefined skips that way. */
  downloadDir?: string;
  download?: (dir: string) => Promise<string>;
}

export const cachedBinaryPath = () => join(cacheDir, 'temporal', CLI_VERSION, 'temporal');
export const sdkDownloadDir = () => join(cacheDir, 'temporal', 'sdk-download');

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

function onPath(env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const file = join(dir, 'temporal');
    if (isExecutable(file)) return file;
  }
  return undefined;
}

export async function locateServer(opts: LocateOptions = {}): Promise<ServerSource> {
  const env = opts.env ?? process.env;
  const choice = opts.choice ?? {};
  const namespace = choice.namespace ?? env.TEMPORAL_NAMESPACE ?? 'default';
  const address = choice.address ?? env.TEMPORAL_ADDRESS;
  if (address) {
    const apiKey = choice.apiKey ?? env.TEMPORAL_API_KEY;
    return { kind: 'address', address, namespace, ...(apiKey ? { apiKey } : {}) };
  }
  const misses = ['no address: TEMPORAL_ADDRESS is not set (host:port of an existing server or Temporal Cloud)'];

  const given = choice.binary ?? env.TEMPORAL_BIN;
  if (given) {
    // A path the user named is used or reported, never silently replaced by another server.
    if (isExecutable(given)) return { kind: 'binary', binary: given, how: `TEMPORAL_BIN=${given}` };
    throw new CouldNotRunError(`TEMPORAL_BIN=${given}: no executable file there (give the path of a \`temporal\` CLI binary)`);
  }
  const found = onPath(env);
  if (found) return { kind: 'binary', binary: found, how: `temporal on PATH (${found})` };
  misses.push('no binary: `temporal` is not on PATH and TEMPORAL_BIN is not set');

  const cached = opts.cachedBinary ?? cachedBinaryPath();
  if (isExecutable(cached)) return { kind: 'binary', binary: cached, how: `cached build (${cached})` };
  misses.push(`no cached build: ${cached} is missing (build it once with \`npm run setup:temporal\`, which needs Go)`);

  if (opts.downloadDir) {
    try {
      const binary = await (opts.download ?? downloadWithSdk)(opts.downloadDir);
      return { kind: 'binary', binary, how: `downloaded by the Temporal SDK (${binary})` };
    } catch (err) {
      misses.push(`no download: the Temporal SDK could not download the dev server (${(err as Error).message.split('\n')[0]})`);
    }
  }
  throw new CouldNotRunError(`no Temporal server to test:\n${misses.map((m) => `  - ${m}`).join('\n')}`);
}

/** Find a binary the SDK downloaded before, in `dir`. */
function downloaded(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath, entry.name);
    if (entry.isFile() && entry.name.startsWith('temporal') && isExecutable(file)) return file;
  }
  return undefined;
}

/**
 * The SDK downloads the dev server only as part of starting one, so start it once
 * (it fetches the binary into `dir`) and stop it; agentcheck then runs that binary
 * itself, under its own supervision, like any other.
 */
async function downloadWithSdk(dir: string): Promise<string> {
  const already = downloaded(dir);
  if (already) return already;
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: { executable: { type: 'cached-download', downloadDir: dir }, ip: '127.0.0.1', ui: false },
  });
  await env.teardown();
  const binary = downloaded(dir);
  if (!binary) throw new Error(`the SDK started a server but left no binary in ${dir}`);
  return binary;
}
