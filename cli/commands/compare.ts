import { Option, type Command } from 'commander';
import { EXIT, UsageError } from '../../harness/errors.js';
import { compareReports } from '../../harness/report/compare.js';
import { readReport } from '../../harness/report/read.js';
import { renderCompareHtml, renderCompareMarkdown, renderCompareTerminal } from '../../reports/compare.js';
import { useColor } from '../../reports/index.js';

/** `agentcheck compare`: reports side by side; between two runs of one adapter, regressions and fixes. */
export function registerCompare(program: Command, exit: (code: number) => void): void {
  program
    .command('compare')
    .description('reports side by side by scenario and property; between two runs of one adapter, its regressions and fixes (exit 1 on a regression)')
    .argument('<files...>', 'report.json files, one per column')
    .addOption(new Option('-r, --reporter <format>', 'terminal, markdown or html').choices(['terminal', 'markdown', 'html']).default('terminal'))
    .action((files: string[], o: { reporter: string }) => {
      if (files.length < 2) throw new UsageError(`compare takes two or more reports, not ${files.length}`);
      const cmp = compareReports(files.map((file) => ({ file, report: readReport(file) })));
      const text = o.reporter === 'html' ? renderCompareHtml(cmp) : o.reporter === 'markdown' ? renderCompareMarkdown(cmp) : renderCompareTerminal(cmp, useColor());
      process.stdout.write(text);
      exit(cmp.changes?.regressions.length ? EXIT.gateFailed : EXIT.passed);
    });
}
