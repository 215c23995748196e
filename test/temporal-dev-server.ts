import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { locateServer } from '../adapters/temporal/locate.js';
import { DevServer } from '../adapters/temporal/server.js';

/**
 * The Temporal server for a test file of examples/refund-temporal: the one the environment
 * names, or the dev server `npm run setup:temporal` cached, started for the file and
 * stopped after it. Read `.address` inside a test.
 */
export function useTemporalServer(): { address: string } {
  const at = { address: '' };
  let server: DevServer | undefined;
  beforeAll(async () => {
    const found = await locateServer();
    if (found.kind === 'address') at.address = found.address;
    else {
      server = await DevServer.start(found.binary, mkdtempSync(join(tmpdir(), 'own-agent-temporal-')));
      at.address = server.address;
    }
  }, 60_000);
  afterAll(() => server?.stop());
  return at;
}
