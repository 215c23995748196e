import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { Report } from './schema.js';

/** A saved JSON report, or one line naming the file and what is wrong with it (exit 64). */
export function readReport(file: string): Report {
  if (!existsSync(file)) throw new UsageError(`${file}: no such report`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file} is not an agentcheck report: ${issue?.path.join('.') || '(top level)'}: ${issue?.message} (expected the report.json of agentcheck run)`);
  }
  return parsed.data;
}
