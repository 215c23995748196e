import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** The lock a run holds on its --out folder while it writes there. */
export const LOCK_FILE = '.agentcheck.lock';
/** What agentcheck writes into a run folder: all that --force may remove. */
const OWN_ENTRIES = new Set([LOCK_FILE, 'report.json', 'cases.jsonl', 'cases', 'junit.xml', 'summary.md', 'explore.jsonl', 'summary.json', 'spares']);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Make `dir` this run's own: create it, refuse it while another live run writes there,
 * and refuse one that holds an earlier run's files unless `force` (then only agentcheck's
 * own files are removed). Two runs in one folder corrupt each other's records and
 * verdicts, and old case folders mixed with new ones mislead whoever reads them.
 * Returns the release function (also safe to skip: a lock of a dead pid is taken over).
 */
export function claimOutDir(dir: string, opts: { force?: boolean } = {}): () => void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UsageError(`--out ${dir}: cannot create the folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const lock = join(dir, LOCK_FILE);
  const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8').trim()) : undefined;
  if (holder && holder !== process.pid && alive(holder)) {
    throw new UsageError(`--out ${dir}: another agentcheck run (pid ${holder}) is writing there; give this run a folder of its own`);
  }
  const entries = readdirSync(dir).filter((e) => e !== LOCK_FILE);
  if (entries.length) {
    // explore also writes each minimal failing case as explore-<seed>-<path>.yaml
    const foreign = entries.filter((e) => !OWN_ENTRIES.has(e) && !/^explore-[\w.-]+\.ya?ml$/.test(e));
    if (foreign.length) throw new UsageError(`--out ${dir}: the folder is not empty and not an agentcheck run folder (has ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); pick an empty or new folder`);
    if (!opts.force) throw new UsageError(`--out ${dir}: holds an earlier run (${entries.slice(0, 3).join(', ')}); pass --force to replace it, or pick a new folder`);
    for (const e of entries) rmSync(join(dir, e), { recursive: true, force: true });
  }
  rmSync(lock, { force: true });
  let fd: number;
  try {
    fd = openSync(lock, 'wx');
  } catch {
    // Another run created it between our check and now.
    throw new UsageError(`--out ${dir}: another agentcheck run took the folder just now; give this run a folder of its own`);
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lock, { force: true });
}
