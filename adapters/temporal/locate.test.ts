import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CouldNotRunError } from '../../harness/kit.js';
import { locateServer } from './locate.js';

const dir = mkdtempSync(join(tmpdir(), 'agentcheck-locate-'));
const fakeBinary = join(dir, 'temporal');
writeFileSync(fakeBinary, '#!/bin/sh\n');
chmodSync(fakeBinary, 0o755);
const missing = join(dir, 'no-such-cache', 'temporal');
const offline = async () => {
  throw new Error('getaddrinfo ENOTFOUND temporal.download');
};

describe('where the Temporal server comes from', () => {
  it('takes an address first, then TEMPORAL_BIN, then PATH, then the cached build', async () => {
    expect(await locateServer({ env: { TEMPORAL_ADDRESS: 'h:7233', TEMPORAL_BIN: fakeBinary } })).toMatchObject({ kind: 'address', address: 'h:7233', namespace: 'default' });
    expect(await locateServer({ env: { TEMPORAL_BIN: fakeBinary, PATH: '' }, cachedBinary: missing })).toMatchObject({ kind: 'binary', binary: fakeBinary });
    expect(await locateServer({ env: { PATH: dir }, cachedBinary: missing })).toMatchObject({ kind: 'binary', binary: fakeBinary });
    expect(await locateServer({ env: { PATH: '' }, cachedBinary: fakeBinary })).toMatchObject({ kind: 'binary', binary: fakeBinary, how: expect.stringContaining('cached build') });
  });

  it('explains each miss in one line when nothing works (exit 2)', async () => {
    const err = await locateServer({ env: { PATH: '' }, cachedBinary: missing, downloadDir: join(dir, 'dl'), download: offline }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CouldNotRunError);
    expect((err as CouldNotRunError).exitCode).toBe(2);
    const lines = (err as Error).message.split('\n').slice(1);
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/TEMPORAL_ADDRESS is not set[\s\S]*not on PATH[\s\S]*npm run setup:temporal[\s\S]*ENOTFOUND/);
  });

  it('reports a TEMPORAL_BIN that is not there rather than quietly using another server', async () => {
    await expect(locateServer({ env: { TEMPORAL_BIN: join(dir, 'nope') }, cachedBinary: fakeBinary })).rejects.toThrow(/TEMPORAL_BIN=.*no executable/);
  });
});
