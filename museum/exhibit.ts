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
  /** A built-in scenario id. */
  scenario: string;
  /** `--pin` values of a release that shipped the bug (`name@version` from npm, `name==version` from PyPI). */
  affected: string[];
  /** `--pin` values of the first release (on the registry) that fixed it. */
  fixed: string[];
  /** What catches it: on the affected release at least one of these fails, and nothing else does. */
  catches: PropertyId[];
  /** Runs per release on each seed: the bug is a race, so the affected release must fail at least one. */
  repeat: number;
}

export const defineExhibit = (exhibit: Exhibit): Exhibit => exhibit;
