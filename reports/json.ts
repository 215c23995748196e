import type { Report } from '../harness/report/schema.js';

/** The JSON report: the source of truth every other format is rendered from. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
