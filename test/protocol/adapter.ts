// Loaded as a user's adapter is (`npx agentcheck run --adapter ./test/protocol/adapter.ts`, after
// `npm run build`): the Python fixture worker, following the protocol or breaking the part
// AGENTCHECK_PROTOCOL_FIXTURE names (test/protocol/worker.py).
import { workerAppRuntime } from '../../dist/adapters/python/app-client.js';
import { ensurePythonVenv, PYTHON_SOURCES, VENV_PYTHON } from '../../dist/adapters/python/venv.js';

const mode = process.env.AGENTCHECK_PROTOCOL_FIXTURE ?? 'ok';

export const adapter = {
  name: `protocol-${mode}`,
  description: 'a Python worker following the worker protocol, or breaking one part of it',
  async setup() {
    await ensurePythonVenv();
  },
  async openCase() {
    const worker = { command: [VENV_PYTHON, '-u', `${import.meta.dirname}/worker.py`, mode] as [string, ...string[]], env: { PYTHONPATH: PYTHON_SOURCES } };
    return workerAppRuntime({ worker, history: false, close: async () => undefined });
  },
};
