import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callEffect, EffectCallError } from './client.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A stand-in ledger that never answers an effect and keeps every abandonment notice. */
async function silentLedger(): Promise<{ url: string; effects: { callId?: string }[]; notices: { callId?: string; stepId?: string }[] }> {
  const effects: { callId?: string }[] = [];
  const notices: { callId?: string; stepId?: string }[] = [];
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url === '/effects') effects.push(JSON.parse(body) as { callId?: string }); // never answered
      else {
        notices.push(JSON.parse(body) as { callId?: string });
        res.writeHead(204).end();
      }
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, effects, notices };
}

describe('callEffect', () => {
  it('tells the ledger which attempt it gave up on when its timeout fires before the answer is read', async () => {
    const ledger = await silentLedger();
    await expect(callEffect({ url: ledger.url, token: 't' }, { runId: 'r', stepId: 'charge', kind: 'tool' }, 50)).rejects.toBeInstanceOf(EffectCallError);
    expect(ledger.notices).toEqual([{ runId: 'r', stepId: 'charge', callId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    // The effect itself names the same attempt (on a loaded machine the timeout may beat even its arrival).
    for (const e of ledger.effects) expect(e.callId).toBe(ledger.notices[0].callId);
  });
});
