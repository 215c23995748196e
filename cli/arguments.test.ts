import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { autoOrWholeNumber, duration, parseDuration, reporterNames, seed, wholeNumber } from './arguments.js';

describe('argument parsers', () => {
  it('whole numbers: in range, or a message naming the flag and the range', () => {
    expect(wholeNumber('--repeat', 1, 1000)('7')).toBe(7);
    expect(() => wholeNumber('--repeat', 1, 1000)('0')).toThrow('--repeat takes a whole number from 1 to 1000, not "0"');
    expect(() => wholeNumber('--timeout', 1)('1.5')).toThrow('--timeout takes a whole number from 1 up, not "1.5"');
    expect(() => seed('-1')).toThrow(InvalidArgumentError);
    expect(seed(String(2 ** 31 - 1))).toBe(2 ** 31 - 1);
  });

  it('auto or a whole number (explore --concurrency)', () => {
    const lanes = autoOrWholeNumber('--concurrency', 1, 64);
    expect(lanes('auto')).toBe('auto');
    expect(lanes('3')).toBe(3);
    expect(() => lanes('0')).toThrow('--concurrency takes a whole number from 1 to 64, or auto, not "0"');
    expect(() => lanes('many')).toThrow(InvalidArgumentError);
  });

  it('durations: units, a bare number in seconds, nothing that is zero or unparseable', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('2')).toBe(2000);
    expect(parseDuration('0s')).toBeUndefined();
    expect(() => duration('--time')('soon')).toThrow('--time takes a duration such as 90s, 5m or 1h, not "soon"');
  });

  it('reporters: comma-separated, repeatable, checked against the known ones', () => {
    const parse = reporterNames(['terminal', 'json']);
    expect(parse('json', parse('terminal'))).toEqual(['terminal', 'json']);
    expect(() => parse('pdf')).toThrow('unknown reporter "pdf"; choose from terminal, json');
  });
});
