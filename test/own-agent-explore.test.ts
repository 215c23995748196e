import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentcheck } from './cli.js';

// `agentcheck explore` on your own agent: bad input is one line and exit 64, before any
// agent starts (the real explorations are in own-agent-explore.long.ts: npm run test:agent-explore).
const config = join(import.meta.dirname, '..', 'examples/refund-langgraph/agentcheck.config.ts');

describe('agentcheck explore --config: bad input', () => {
  it('refuses the flags of a runtime, unknown fault kinds, and its own flags without a config, in one line each', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'agent-explore-cli-')), 'x');
    const cases: [string[], RegExp][] = [
      [['--config', config, '--max-steps', '3'], /^agentcheck: --max-steps does not apply to your own agent \(.*agentcheck\.config\.ts\); explore a runtime with --adapter and no --config$/],
      // A slow call is drawn only where a retry can meet its key in use: this fixture declares no idempotency header.
      [['--config', join(import.meta.dirname, 'fixtures/agent-double-decision/agentcheck.config.ts'), '--faults', 'slow'], /^agentcheck: --faults slow: no write declared in .*agentcheck\.config\.ts's hosts is on a host with an idempotencyHeader; a slow call is drawn only where a retry can meet its key in use \(decision 0103\)$/],
      [['--config', config, '--faults', 'crash-after,meteor'], /^agentcheck: --faults: unknown fault kind "meteor" for your own agent; choose from crash-before, crash-during, crash-after, response-lost, fails/],
      // No config in the repository's root: --max-turns is your own agent's, a runtime's plans take --max-steps.
      [['--max-turns', '3'], /^agentcheck: --max-turns applies to your own agent .*; a runtime's plans take --max-steps$/],
    ];
    const results = await Promise.all(cases.map(([args]) => agentcheck(['explore', ...args, '--out', out])));
    results.forEach((r, i) => {
      expect(r.exitCode, r.stderr).toBe(64);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr.trim()).toMatch(cases[i]![1]);
    });
  }, 60_000);
});
