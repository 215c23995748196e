import { Option, type Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXIT } from '../../harness/errors.js';
import { mergeReports } from '../../harness/report/merge.js';
import { readReport } from '../../harness/report/read.js';
import { reporters } from '../../reports/index.js';
import { reporterNames } from '../arguments.js';
import { announceOnGitHub } from '../gate-options.js';
import { chooseReporters, writeReports } from '../output.js';

/** `agentcheck merge`: the shards of one run (--shard i/n) as one report, scorecard and gate. */
export function registerMerge(program: Command, exit: (code: number) => void): void {
  program
    .command('merge')
    .description('combine the reports of shards (--shard i/n) into one report with one scorecard and gate; exits like run')
    .argument('<files...>', "every shard's report.json")
    .addOption(new Option('-r, --reporter <names>', `${Object.keys(reporters).join(', ')} or the path of your own reporter module (comma-separated)`).argParser(reporterNames(Object.keys(reporters))))
    .option('-o, --out <dir>', 'write the merged report.json (and the other formats) into this folder')
    .action(async (files: string[], o: { reporter?: string[]; out?: string }) => {
      const merged = mergeReports(files.map((file) => ({ file, report: readReport(file) })));
      const dir = o.out && resolve(o.out);
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, 'report.json'), JSON.stringify(merged, null, 2) + '\n');
      }
      writeReports(merged, await chooseReporters(o.reporter?.length ? o.reporter : ['terminal']), dir);
      announceOnGitHub(merged);
      exit(merged.gate.passed ? EXIT.passed : EXIT.gateFailed);
    });
}
