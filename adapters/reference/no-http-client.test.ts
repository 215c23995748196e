import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { startLedger, type Ledger } from '../../harness/ledger/server.js';
import { compiledPath } from '../../harness/paths.js';
import { startTraceReceiver, type TraceReceiver } from '../../harness/traces/receiver.js';

// Node's HTTP client (node:http, or fetch's undici) costs a process ~40 ms of CPU to
// load, half of a reference worker's start (decision 0123). The worker calls the ledger
// and exports its spans without it; this proves it on the built worker's own modules,
// with a real call recorded by the ledger and a real span received by the collector.
describe('the reference worker calls the ledger and exports spans without Node\'s HTTP client', () => {
  let dir: string | undefined;
  let ledger: Ledger | undefined;
  let receiver: TraceReceiver | undefined;
  afterEach(async () => {
    await ledger?.close();
    await receiver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('records the effect and the span, and loads neither node:http nor undici', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentcheck-no-http-'));
    ledger = await startLedger({ file: join(dir, 'ledger.jsonl') });
    receiver = await startTraceReceiver({ file: join(dir, 'spans.jsonl') });
    const script = `
      const kit = await import(${JSON.stringify(compiledPath('harness/kit.js'))});
      const { loadTracing } = await import(${JSON.stringify(compiledPath('adapters/reference/load-tracing.js'))});
      const { DatabaseSync } = await import('node:sqlite');
      let stored;
      const tracing = (await loadTracing()).startTracing({ spanExport: 'each-span', runTrace: { storedTrace: () => stored, storeTrace: (_db, _id, t) => { stored = t; } } });
      const run = tracing.execution(new DatabaseSync(':memory:'), 'run-1');
      const value = await tracing.attempt(run.context, 'run-1', 'charge', (headers) => kit.callEffect(kit.ledgerFromEnv(), { runId: 'run-1', stepId: 'charge', kind: 'tool', tool: 'charge', mode: 'write' }, 5000, headers));
      await run.end();
      await tracing.flushed();
      const loaded = process.moduleLoadList.filter((m) => /^NativeModule (http|https|http2|internal\\/deps\\/undici\\/undici)$/.test(m));
      console.log(JSON.stringify({ value, loaded }));
    `;
    const { stdout } = await execa(process.execPath, ['--input-type=module', '-e', script], {
      env: { AGENTCHECK_LEDGER_URL: ledger.url, AGENTCHECK_LEDGER_TOKEN: ledger.token, ...receiver.env({}, 'no-http-client') },
    });
    const out = JSON.parse(stdout) as { value: string; loaded: string[] };
    expect(out.loaded).toEqual([]);
    expect(ledger.events.filter((e) => e.stepId === 'charge').map((e) => e.outcome)).toEqual(['applied']);
    expect(out.value).toMatch(/^charge:/);
    const call = receiver.spans.find((s) => s.name === 'call charge');
    expect(call).toBeDefined();
    // The span that made the call is the one the ledger recorded (its traceparent went with the POST).
    expect(ledger.events.find((e) => e.stepId === 'charge')?.trace?.spanId).toBe(call!.spanId);
    expect(receiver.spans.map((s) => s.name).sort()).toEqual(['call charge', 'run run-1']);
  });
});
