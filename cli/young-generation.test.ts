import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledPath } from '../harness/paths.js';
import { HARNESS_V8_FLAG } from './young-generation.js';

describe('restartWithSmallYoungGeneration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentcheck-young-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // What bin/agentcheck.js does first, then what V8 was started with.
  const script = join(dir, 'launcher.mjs');
  writeFileSync(
    script,
    `const { restartWithSmallYoungGeneration } = await import(${JSON.stringify(pathToFileURL(compiledPath('cli/young-generation.js')).href)});
     restartWithSmallYoungGeneration(import.meta.url);
     console.log(JSON.stringify({ pid: process.pid, execArgv: process.execArgv, args: process.argv.slice(2) }));`,
  );
  const run = async (env: Record<string, string> = {}) => {
    const child = execa(process.execPath, ['--no-warnings', script, 'explore', '--runs', '3'], { env: { NODE_OPTIONS: '', ...env } });
    const { stdout } = await child;
    return { child: child.pid, ...(JSON.parse(stdout) as { pid: number; execArgv: string[]; args: string[] }) };
  };

  it('starts the script again as the same process, with its flags, its arguments and the small young generation', async () => {
    const got = await run();
    expect(got.pid).toBe(got.child);
    expect(got.execArgv).toEqual(['--no-warnings', HARNESS_V8_FLAG]);
    expect(got.args).toEqual(['explore', '--runs', '3']);
  });

  it('leaves a semi-space size its user chose alone', async () => {
    const got = await run({ NODE_OPTIONS: '--max-semi-space-size=4' });
    expect(got.execArgv).toEqual(['--no-warnings']);
  });
});
