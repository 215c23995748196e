import type { Reporter } from '../harness/report/reporter.js';
import { plural } from '../harness/report/words.js';

const secs = (ms: number) => (ms >= 90_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(0, Math.round(ms / 1000))} s`);

/**
 * Progress on stderr: on a terminal a bar redrawn in place (cases done, failures
 * found, time left); otherwise a line every tenth of the run, so CI logs stay short.
 */
export function exploreProgress(out: NodeJS.WriteStream = process.stderr): Reporter {
  const tty = Boolean(out.isTTY);
  let startedAt = Date.now();
  let runs: number | undefined;
  let timeLimitMs: number | undefined;
  let done = 0;
  let failures = 0;
  let running = 0;
  let shrinkStarted = 0;
  let shrinkBudget = 0;
  let lastLine = 0;

  const timeLeft = () => {
    const elapsed = Date.now() - startedAt;
    if (timeLimitMs !== undefined) return secs(timeLimitMs - elapsed);
    if (!runs || done === 0) return '?';
    return secs((elapsed / done) * (runs - done));
  };
  const bar = () => {
    const width = 24;
    const frac = runs ? done / runs : timeLimitMs ? Math.min(1, (Date.now() - startedAt) / timeLimitMs) : 0;
    const full = Math.round(frac * width);
    return `[${'█'.repeat(full)}${'░'.repeat(width - full)}]`;
  };
  const status = () => `${done}${runs ? `/${runs}` : ''} case${(runs ?? done) === 1 ? '' : 's'}, ${failures} failure${failures === 1 ? '' : 's'}, ${running} running, ~${timeLeft()} left`;
  const draw = (text: string) => {
    if (tty) out.write(`\r\x1b[K${text}`);
    else out.write(`${text}\n`);
  };

  return {
    onRunStart(info) {
      startedAt = Date.now();
      runs = info.total;
      timeLimitMs = info.timeLimitMs;
      if (tty) draw(`${bar()} ${status()}`);
    },
    onCaseStart() {
      running++;
      if (tty) draw(`${bar()} ${status()}`);
    },
    onCaseEnd(c) {
      running--;
      done = c.done;
      if (c.result.verdict === 'fail') failures++;
      const every = Math.max(1, Math.floor((runs ?? 100) / 10));
      if (tty) draw(`${bar()} ${status()}`);
      else if (c.result.verdict === 'fail' || c.result.verdict === 'unknown' || done % every === 0) draw(`explore: ${status()}${c.result.verdict !== 'pass' && c.result.verdict !== 'skipped' ? ` (case ${c.path}: ${c.result.verdict})` : ''}`);
    },
    onShrinkStart(found) {
      shrinkStarted = Date.now();
      shrinkBudget = found.budgetMs;
      if (tty) out.write('\r\x1b[K');
      out.write(`failure at case ${found.path} (${plural(found.steps, 'step')}, ${plural(found.faults, 'fault')}: ${found.failed.join(', ')}); shrinking for up to ${secs(found.budgetMs)}\n`);
    },
    onShrinkTry(t) {
      const text = `shrinking: ${plural(t.tried, 'candidate')} tried, smallest so far ${plural(t.steps, 'step')} and ${plural(t.faults, 'fault')}, ${secs(shrinkBudget - (Date.now() - shrinkStarted))} of budget left`;
      if (tty) draw(text);
      else if (Date.now() - lastLine > 10_000) {
        lastLine = Date.now();
        draw(text);
      }
    },
    onRunEnd() {
      if (tty) out.write('\r\x1b[K');
    },
  };
}
