import type { Report } from '../harness/report/schema.js';
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
};
