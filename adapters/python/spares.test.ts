import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { READY_MARKER, type CommandWorker } from '../../harness/adapter.js';
import { handOver, SparePool } from '../../harness/case/spares.js';
import { ensurePythonVenv, pythonWorker, VENV_PYTHON } from './venv.js';

// A Python worker as a warm spare (docs/protocol.md section 7): spawned with only what it
// needs to import (loadEnv: PYTHONPATH, so the kit imports at all), it takes its case's
// variables and folder from the hand-over through the kit's wait_for_case().
const SCRIPT = [
  'import json, os, sys',
  'from agentcheck_kit import announce_ready, wait_for_case',
  "before = {'queue': os.environ.get('MY_QUEUE'), 'cwd': os.getcwd()}",
  'wait_for_case()',
  "announce_ready({'pid': os.getpid(), 'before': before, 'queue': os.environ.get('MY_QUEUE'), 'cwd': os.getcwd(), 'args': sys.argv[1:]})",
  'import time',
  'time.sleep(600)',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'agentcheck-py-spares-'));
beforeAll(async () => void (await ensurePythonVenv()), 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a Python spare imports the kit before its case and takes the case from its stdin', async () => {
  const { loadEnv } = pythonWorker('agentcheck_kit', []);
  const spec: CommandWorker = { command: [VENV_PYTHON, '-u', '-c', SCRIPT, 'graph'], loadEnv, env: { MY_QUEUE: 'queue-a' }, waitsForCase: true };
  const pool = new SparePool({ dir: join(dir, 'spares'), size: 1 });
  try {
    const spare = await pool.take(spec, false);
    await spare.loaded;
    expect(spare.loadedAt, 'the spare never said it had loaded: did it get PYTHONPATH?').toBeDefined();
    const caseDir = join(dir, 'case-a');
    mkdirSync(caseDir);
    const { ready } = await handOver(spare, { env: { MY_QUEUE: 'queue-a' }, cwd: caseDir, args: [] }, { name: 'worker 1', logFile: join(caseDir, 'worker-1.log'), readyPrefix: READY_MARKER });
    expect(JSON.parse(ready)).toEqual({ pid: spare.process.pid, before: { queue: null, cwd: join(dir, 'spares') }, queue: 'queue-a', cwd: caseDir, args: ['graph'] });
    await spare.process.kill();
  } finally {
    await pool.close();
  }
}, 120_000);
