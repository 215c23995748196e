import { Option, type Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { EXIT, UsageError } from '../../harness/errors.js';
import { Report } from '../../harness/report/schema.js';
import { reporters } from '../../reports/index.js';
import { reporterNames } from '../arguments.js';
import { printReport } from '../output.js';

/** `agentcheck report`: its argument and options. */
export function registerReport(program: Command, exit: (code: number) => void): void {
  program
    .command('report')
    .description('render a saved JSON report again')
    .argument('<file>', 'a report.json written by agentcheck run')
    .addOption(new Option('-r, --reporter <names>', 'output formats, comma-separated: terminal, json, junit, markdown').argParser(reporterNames(Object.keys(reporters))))
    .action((file: string, o: { reporter?: string[] }) => exit(report(file, o.reporter?.length ? o.reporter : ['terminal'])));
}

/** Render a saved report again in the formats named. */
export function report(file: string, formats: string[]): number {
  if (!existsSync(file)) throw new UsageError(`${file}: no such report`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
  const parsed = Report.safeParse(data);
  if (!parsed.success) throw new UsageError(`${file} is not an agentcheck report: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  printReport(parsed.data, formats);
  return EXIT.passed;
}
