import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { claimOutDir, LOCK_FILE } from './out-dir.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'agentcheck-out-'));

describe('claiming the --out folder', () => {
  it('creates a new folder and locks it with our pid until released', () => {
    const dir = join(fresh(), 'a', 'b');
    const release = claimOutDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder another live run holds', () => {
    const dir = fresh();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeFileSync(join(dir, LOCK_FILE), String(other.pid));
      expect(() => claimOutDir(dir)).toThrow(UsageError);
      expect(() => claimOutDir(dir, { force: true })).toThrow(new RegExp(`another agentcheck run \\(pid ${other.pid}\\) is writing there`));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a run that died', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), '999999999');
    expect(() => claimOutDir(dir)()).not.toThrow();
  });

  it('refuses an earlier run\'s folder unless --force, which removes only agentcheck\'s files', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'report.json'), '{}');
    mkdirSync(join(dir, 'cases', 'old'), { recursive: true });
    expect(() => claimOutDir(dir)).toThrow(/holds an earlier run .*pass --force/);
    claimOutDir(dir, { force: true })();
    expect(existsSync(join(dir, 'report.json'))).toBe(false);
    expect(existsSync(join(dir, 'cases'))).toBe(false);
  });

  it('never clears a folder that is not a run folder, even with --force', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(() => claimOutDir(dir, { force: true })).toThrow(/not an agentcheck run folder \(has package\.json\)/);
    expect(existsSync(join(dir, 'package.json'))).toBe(true);
  });

  it('names the path when the folder cannot be created', () => {
    const file = join(fresh(), 'plain-file');
    writeFileSync(file, '');
    expect(() => claimOutDir(join(file, 'sub'))).toThrow(/--out .*plain-file\/sub: cannot create the folder \(ENOTDIR\)/);
  });
});
