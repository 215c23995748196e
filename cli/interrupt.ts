import { killAllProcesses } from '../harness/process/supervisor.js';

export interface Interrupt {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM; undefined while nobody interrupted. */
  readonly exitCode: number | undefined;
}

/**
 * First SIGINT/SIGTERM: stop starting cases and let running ones clean up (their
 * records are kept; the command then exits 130 or 143). A second one kills every child now.
 */
export function interruptible(outDir: string): Interrupt {
  const controller = new AbortController();
  let exitCode: number | undefined;
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    exitCode = signal === 'SIGINT' ? 130 : 143;
    if (interrupts > 1) {
      // At once: the kill gets a moment, never a say in whether we exit.
      void Promise.race([killAllProcesses(), new Promise((r) => setTimeout(r, 1000))]).then(() => process.exit(exitCode));
      return;
    }
    process.stderr.write(`\n${signal}: stopping after cleanup; finished cases are kept in ${outDir} (again to force)\n`);
    controller.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
  };
}
