import type { Report } from '../harness/report/schema.js';
import { renderBadge } from './badge.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal } from './terminal.js';

/** One renderer per format; each reads only the JSON report model. */
export const reporters: Record<string, (report: Report, color: boolean) => string> = {
  terminal: renderTerminal,
  json: (r) => renderJson(r),
  junit: (r) => renderJunit(r),
  markdown: (r) => renderMarkdown(r),
  html: (r) => renderHtml(r),
  badge: (r) => renderBadge(r),
};

/** Where each format goes in an output folder. */
export const REPORT_FILES: Record<string, string> = { json: 'report.json', junit: 'junit.xml', markdown: 'summary.md', html: 'report.html', badge: 'badge.svg' };

/** Formats that are files to open, not text to read: with an output folder they always go there. */
export const FILE_ONLY = new Set(['html', 'badge']);
