import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { EXIT } from '../../harness/errors.js';
import { readReport } from '../../harness/report/read.js';
import { reporters } from '../../reports/index.js';
import { reporterNames } from '../arguments.js';
import { chooseReporters, writeReports } from '../output.js';

/** `agentcheck report`: its argument and options. */
export function registerReport(program: Command, exit: (code: number) => void): void {
  program
    .command('report')
    .description('render a saved JSON report again')
    .argument('<file>', 'a report.json written by agentcheck run')
    .addOption(new Option('-r, --reporter <names>', `${Object.keys(reporters).join(', ')} or the path of your own reporter module (comma-separated)`).argParser(reporterNames(Object.keys(reporters))))
    .option('-o, --out <dir>', 'write the formats as files into this folder')
    .action(async (file: string, o: { reporter?: string[]; out?: string }) => exit(await report(file, o.reporter?.length ? o.reporter : ['terminal'], o.out)));
}

/**
 * Render a saved report again in the formats named. Exits 0 whatever the report's
 * gate said: rendering succeeded (the gate's exit code belongs to `run` and `merge`).
 */
export async function report(file: string, formats: string[], out?: string): Promise<number> {
  writeReports(readReport(file), await chooseReporters(formats), out && resolve(out));
  return EXIT.passed;
}
