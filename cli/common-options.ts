import { Option } from 'commander';
import { MAX_DURATION_MS } from '../harness/plan/duration.js';
import { autoOrWholeNumber, seed, wholeNumber } from './arguments.js';
import { autoLaneLimits } from '../harness/explore/auto-lanes.js';
import { defaultLanes } from '../harness/lanes.js';

// Options that `run` and `explore` share, declared once so their help and parsing agree.

export const adapterOption = () => new Option('-a, --adapter <name|path>', 'a built-in adapter name or the path of your own adapter module').default('reference');

export const seedOption = () => new Option('-s, --seed <n>', 'seed for every random choice (default: random, printed)').argParser(seed);

export const concurrencyOption = () =>
  new Option('-c, --concurrency <n>', 'cases run at once, each on its own worker').argParser(wholeNumber('--concurrency', 1, 64)).default(defaultLanes());

/** explore's: a fixed number, or by default as many as the machine has room for (decision 0122). */
export const exploreConcurrencyOption = () => {
  const { start, max } = autoLaneLimits();
  return new Option('-c, --concurrency <n|auto>', `cases run at once, each on its own worker; auto: ${start} (as run), one more while the CPUs are under 70 % busy, one fewer above 85 % or when the harness runs late, up to ${max} (4 per core)`)
    .argParser(autoOrWholeNumber('--concurrency', 1, 64))
    .default('auto');
};

export const timeoutOption = (ms: number) => new Option('--timeout <ms>', 'time a run gets to finish once faults heal, on top of the time its plan needs').argParser(wholeNumber('--timeout', 1, MAX_DURATION_MS)).default(ms);

export const forceOption = () => new Option('--force', 'reuse an --out folder that holds an earlier run (its agentcheck files are removed first)');
