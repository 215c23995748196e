import { InvalidArgumentError } from 'commander';
import { UsageError } from '../harness/errors.js';
import { PATH_PATTERN } from '../harness/explore/replay.js';
import { parseShard } from '../harness/report/shard.js';
import { isReporterPath } from './custom-reporter.js';
import { parsePinned } from '../harness/runtime-modules/install.js';
import { checkPythonPin, isPythonPin } from '../harness/runtime-modules/python-pins.js';

// Every flag's value is parsed here, once: a bad one is a usage error (exit 64) that
// names the flag and what it takes.

/** A whole number from `min` to `max`. */
export const wholeNumber = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => (v: string) => {
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`${name} takes a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ' up'}, not "${v}"`);
  return n;
};

/** `auto`, or a whole number from `min` to `max` (explore --concurrency). */
export const autoOrWholeNumber = (name: string, min: number, max?: number) => {
  const whole = wholeNumber(name, min, max);
  return (v: string): number | 'auto' => {
    if (v === 'auto') return v;
    try {
      return whole(v);
    } catch (err) {
      throw new InvalidArgumentError(`${(err as Error).message.replace(', not', ', or auto, not')}`);
    }
  };
};

/** --seed: every random choice flows from it. */
export const seed = wholeNumber('--seed', 0, 2 ** 31 - 1);

/** "90s", "5m", "1h", "1500ms"; a bare number is seconds. Undefined when it does not parse. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  return ms > 0 ? ms : undefined;
}

/** A duration in ms. */
export const duration = (name: string) => (v: string) => {
  const ms = parseDuration(v);
  if (ms === undefined) throw new InvalidArgumentError(`${name} takes a duration such as 90s, 5m or 1h, not "${v}"`);
  return ms;
};

/** --reporter: format names, comma-separated, checked against `known`, or paths of reporter modules; repeatable. */
export const reporterNames = (known: readonly string[]) => (v: string, prev: string[] = []) => {
  const names = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!known.includes(n) && !isReporterPath(n)) throw new InvalidArgumentError(`unknown reporter "${n}"; choose from ${known.join(', ')}, or give the path of your own reporter module`);
  return [...prev, ...names];
};

/** A flag value that can only be checked once it is known what it applies to (--faults: a runtime's kinds or your own agent's): a usage error, one line. */
export function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** --path: a fast-check path as explore printed it. */
export const fastCheckPath = (v: string) => {
  if (!PATH_PATTERN.test(v)) throw new InvalidArgumentError(`--path takes the path explore printed, digits separated by ":" (e.g. "4:1:0"), not "${v}"`);
  return v;
};

/** Commander's form of a parser that throws a plain Error: the message becomes a usage error. */
export const asOption = <T>(parse: (v: string) => T) => (v: string) => {
  try {
    return parse(v);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
};

/** --shard i/n. */
export const shard = asOption(parseShard);

/** --pin: a runtime package at one exact version (`@dbos-inc/dbos-sdk@4.10.15`); repeatable. */
export const pinnedPackage = (v: string, prev: string[] = []) => {
  try {
    if (isPythonPin(v)) checkPythonPin(v);
    else parsePinned(v);
  } catch (err) {
    const also = isPythonPin(v) ? '' : ' (npm), or name==version (PyPI)';
    throw new InvalidArgumentError(`--pin takes ${(err as Error).message.replace(/^"[^"]*": expected /, '')}${also}, not "${v}"`);
  }
  return [...prev, v];
};
