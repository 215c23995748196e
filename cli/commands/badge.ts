import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { EXIT } from '../../harness/errors.js';
import { readReport } from '../../harness/report/read.js';
import { renderBadge } from '../../reports/badge.js';

/** `agentcheck badge`: the level and score as an SVG for a README. */
export function registerBadge(program: Command, exit: (code: number) => void): void {
  program
    .command('badge')
    .description('an SVG badge with the readiness level and score, for a README')
    .argument('<file>', 'a report.json written by agentcheck run')
    .option('-o, --out <file>', 'write the badge to this file instead of stdout')
    .action((file: string, o: { out?: string }) => {
      const svg = renderBadge(readReport(file));
      if (o.out) writeFileSync(o.out, svg);
      else process.stdout.write(svg);
      exit(EXIT.passed);
    });
}
