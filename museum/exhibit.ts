import type { PropertyId } from '../harness/index.js';

/**
 * One real bug from a runtime's tracker, as agentcheck reproduces it: the released
 * version that had it fails a scenario, the release that fixed it passes the same one.
 * The folder's README tells the story; test/museum.test.ts runs every exhibit.
 */
export interface Exhibit {
  /** The tracker thread: `owner/repo#number`. */
  bug: string;
  /** Which built-in adapter runs it. */
  adapter: string;
  /**
   * A built-in scenario id, or a scenario file in the exhibit's folder (`scenario.yaml`)
   * when the bug needs a plan or faults no built-in case has. Decision 0076.
   */
  scenario: string;
  /** `--pin` values of a release that shipped the bug (`name@version` from npm, `name==version` from PyPI). */
  affected: string[];
  /** `--pin` values of the first release (on the registry) that fixed it. */
  fixed: string[];
  /** What catches it: on the affected release at least one of these fails, and nothing else does. */
  catches: PropertyId[];
  /** Runs per release on each seed: the bug is a race, so the affected release must fail at least one. */
  repeat: number;
  /**
   * Environment the runs need, on both releases: an adapter option the bug lives
   * behind (`AGENTCHECK_LANGGRAPH_DURABILITY: 'sync'`). Decision 0056.
   */
  env?: Record<string, string>;
  /**
   * The runs need a Postgres server (`AGENTCHECK_POSTGRES_URL`): the museum test
   * starts an embedded one for the exhibit and stops it after. Decision 0056.
   */
  postgres?: boolean;
  /**
   * `--timeout` for both releases, when the default (10 s after the faults heal) is
   * too short for a restarted worker on a loaded machine. Decision 0056.
   */
  timeoutMs?: number;
  /** Minutes, not seconds: run by `npm run museum` only, not by `npm test`. Decision 0056. */
  long?: boolean;
}

export const defineExhibit = (exhibit: Exhibit): Exhibit => exhibit;
