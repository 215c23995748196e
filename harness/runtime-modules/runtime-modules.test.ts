import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { installPinned, parsePinned, projectKey } from './install.js';
import { packageName, RUNTIME_MODULES_ENV } from './redirect.js';
import { compiledPath, packageRoot } from '../paths.js';

describe('pins and package names', () => {
  it('accepts only exact versions', () => {
    expect(parsePinned('@restatedev/restate-sdk@1.14.4')).toEqual({ name: '@restatedev/restate-sdk', version: '1.14.4' });
    expect(parsePinned('pg@8.0.0-beta.1')).toEqual({ name: 'pg', version: '8.0.0-beta.1' });
    expect(() => parsePinned('@restatedev/restate-sdk@^1.14')).toThrow(/exact version/);
    expect(() => parsePinned('@restatedev/restate-sdk')).toThrow(/exact version/);
  });
  it('keys a set of pins the same in any order', () => {
    const a = projectKey([parsePinned('b@1.0.0'), parsePinned('@s/a@2.0.0')]);
    expect(a).toBe(projectKey([parsePinned('@s/a@2.0.0'), parsePinned('b@1.0.0')]));
    expect(a).not.toContain('/');
  });
  it('finds the package a specifier names', () => {
    expect(packageName('@temporalio/common/lib/proto-utils.js')).toBe('@temporalio/common');
    expect(packageName('zod')).toBe('zod');
    expect(packageName('./x.js')).toBeUndefined();
    expect(packageName('node:fs')).toBeUndefined();
  });
});

// One real install from the registry into the machine's museum cache (~3 s the first
// time, then reused, as `--pin` reuses it).
describe('a process started with the preload resolves the pinned release', () => {
  const ours = (JSON.parse(readFileSync(join(packageRoot, 'node_modules/@restatedev/restate-sdk/package.json'), 'utf8')) as { version: string }).version;
  // The probe imports the SDK and asks require too, the two ways adapters load a runtime.
  const probe = `import { createRequire } from 'node:module';
const sdk = await import('@restatedev/restate-sdk');
const req = createRequire(${JSON.stringify(pathToFileURL(join(packageRoot, 'package.json')).href)});
const pkg = req('@restatedev/restate-sdk/package.json');
const zod = req.resolve('zod');
console.log(JSON.stringify({ loaded: typeof sdk.endpoint, version: pkg.version, zodFromAgentcheck: zod.startsWith(${JSON.stringify(realpathSync(join(packageRoot, "node_modules")))}) }));`;
  const run = (env: Record<string, string>) =>
    JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: packageRoot, env: { ...process.env, ...env }, encoding: 'utf8' })) as { loaded: string; version: string; zodFromAgentcheck: boolean };

  it('without it, agentcheck\'s own; with it, the pinned one, and nothing else moves', { timeout: 120_000 }, async () => {
    expect(run({}).version).toBe(ours);
    const dir = await installPinned(['@restatedev/restate-sdk@1.14.4']);
    expect(await installPinned(['@restatedev/restate-sdk@1.14.4'])).toBe(dir);
    const pinned = run({ [RUNTIME_MODULES_ENV]: dir, NODE_OPTIONS: `--import=${pathToFileURL(compiledPath('harness/runtime-modules/preload.js')).href}` });
    expect(pinned).toEqual({ loaded: 'function', version: '1.14.4', zodFromAgentcheck: true });
  });
});
