import type { CaseResult } from '../harness/report/case.js';
import type { Reporter } from '../harness/report/reporter.js';
import { describeRepeats } from '../harness/report/repeats.js';
import { paint, useColor } from './color.js';

/**
 * `agentcheck run`'s live progress on stderr: a line per finished case (and per run of
 * a repeated one), and on a terminal a status line redrawn in place with the cases running.
 */
export function runProgress(out: NodeJS.WriteStream = process.stderr): Reporter {
  const tty = Boolean(out.isTTY);
  const c = paint(useColor(out));
  const running = new Set<string>();
  let total = 0;
  let done = 0;
  const line = () => {
    if (tty) out.write(`\r\x1b[K[${done}/${total}] running ${[...running].join(', ')}`);
  };
  const clear = () => {
    if (tty) out.write('\r\x1b[K');
  };
  const secs = (r: CaseResult) => (r.metrics ? ` ${(r.metrics.durationMs / 1000).toFixed(1)} s` : '');
  return {
    onRunStart(run) {
      total = run.total ?? 0;
    },
    onCaseStart(s) {
      running.add(s.id);
      line();
    },
    onCaseEnd({ result: r, done: n }) {
      running.delete(r.id);
      done = n;
      const mark = r.verdict === 'pass' ? c.green('✓') : r.verdict === 'skipped' ? c.dim('-') : r.verdict === 'fail' ? c.red('✗') : c.yellow('?');
      clear();
      const often = describeRepeats(r);
      out.write(`${mark} [${n}/${total}] ${r.id} ${r.verdict}${often ? ` (${often})` : ''}${secs(r)}\n`);
      line();
    },
    /** One line per run of a repeated case: a long --repeat shows it is moving. */
    onRepetitionEnd({ result: r, run, runs }) {
      clear();
      out.write(c.dim(`  ${r.id} run ${run}/${runs}: ${r.verdict}${secs(r)}`) + '\n');
      line();
    },
    onRunEnd: clear,
  };
}
