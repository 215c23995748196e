import { appendFileSync } from 'node:fs';
import type { DLogger } from '@dbos-inc/dbos-sdk';
import { hidePassword } from '../../harness/postgres/index.js';

/**
 * DBOSClient's log, into the case's folder instead of agentcheck's terminal: its
 * complaints while Postgres restarts are evidence for the case, not news for the user.
 * The password is masked even if a message ever carried the URL.
 */
export function caseLog(file: string, url: string): DLogger {
  const write = (level: string) => (entry: unknown) => {
    const text = entry instanceof Error ? entry.message : String(entry);
    try {
      appendFileSync(file, `${new Date().toISOString()} ${level} ${hidePassword(text, new URL(url))}\n`);
    } catch {
      // the case folder may be gone after teardown
    }
  };
  return { info: write('info'), debug: () => undefined, warn: write('warn'), error: write('error') };
}
