import { killAllProcesses } from './supervisor.js';

/**
 * First SIGINT/SIGTERM: stop starting cases and let running ones clean up (their
 * records are kept; exit 130 or 143). A second one kills every child now.
 */
export function interruptible(outDir: string): AbortController {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    if (interrupts > 1) {
      void killAllProcesses().then(() => process.exit(process.exitCode));
      return;
    }
    process.stderr.write(`\n${signal}: stopping after cleanup; finished cases are kept in ${outDir} (again to force)\n`);
    controller.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return controller;
}
