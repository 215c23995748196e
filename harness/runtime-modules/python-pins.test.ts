import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../paths.js';
import { checkPythonPin, isPythonPin, PYTHON_PINS_ENV } from './python-pins.js';

describe('PyPI pins', () => {
  it('are told from npm pins by Python\'s own spelling, name==version', () => {
    expect(isPythonPin('langgraph==0.6.4')).toBe(true);
    expect(isPythonPin('@restatedev/restate-sdk@1.14.4')).toBe(false);
  });
  it('accept only one exact version', () => {
    expect(checkPythonPin('langgraph-checkpoint-sqlite==2.0.11')).toBe('langgraph-checkpoint-sqlite==2.0.11');
    expect(checkPythonPin('langgraph==1.0.0rc1')).toBe('langgraph==1.0.0rc1');
    expect(() => checkPythonPin('langgraph==latest')).toThrow(/exact version, like langgraph==0.6.4/);
    expect(() => checkPythonPin('langgraph>=0.6')).toThrow(/exact version/);
    expect(() => checkPythonPin('langgraph==0.6; rm -rf /')).toThrow(/exact version/);
  });
});

// The setup script is the one place pins become a venv: it checks them too, before any
// network or venv work, so `AGENTCHECK_PYTHON_PINS` set by hand gets the same answer.
describe('scripts/setup-python.sh with pins', () => {
  it('refuses a pin that is not name==version with one line and exit 64, and makes nothing', async () => {
    const err = await promisify(execFile)('bash', [join(packageRoot, 'scripts', 'setup-python.sh')], { env: { ...process.env, [PYTHON_PINS_ENV]: 'langgraph>=0.6' } }).then(
      () => undefined,
      (e: Error & { code?: number; stderr?: string }) => e,
    );
    expect(err?.code).toBe(64);
    expect(err?.stderr?.trim()).toBe('setup-python: pin "langgraph>=0.6": expected a PyPI package pinned to one exact version, like langgraph==0.6.4');
  });
});
