import type { Reporter } from '../harness/report/reporter.js';
import type { Report } from '../harness/report/schema.js';
import { renderBadge } from './badge.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

export { exploreProgress } from './explore-progress.js';
export { runProgress } from './progress.js';
export { paint, useColor } from './color.js';

/** A reporter that renders a format. */
export type FormatReporter = Reporter & { render(report: Report): string };

/** The formats `--reporter` names, one per file; each reads only the report model. */
export const reporters: Record<string, (o: { color: boolean }) => FormatReporter> = {
  terminal: ({ color }) => ({ render: (r) => renderTerminal(r, color) }),
  json: () => ({ render: renderJson }),
  junit: () => ({ render: renderJunit }),
  markdown: () => ({ render: renderMarkdown }),
  html: () => ({ render: renderHtml }),
  badge: () => ({ render: renderBadge }),
};

/** Where each format goes in an output folder. */
export const REPORT_FILES: Record<string, string> = { json: 'report.json', junit: 'junit.xml', markdown: 'summary.md', html: 'report.html', badge: 'badge.svg' };

/** Formats that are files to open, not text to read: with an output folder they always go there. */
export const FILE_ONLY = new Set(['html', 'badge']);
