import { describe, expect, it } from 'vitest';
import { parseExactly } from './exact.js';
import { Report } from './schema.js';
import { sampleReport } from './sample.test-helpers.js';

describe('the report model is exact when agentcheck writes it', () => {
  it('accepts a report with only known fields, unchanged', () => {
    expect(parseExactly(Report, sampleReport)).toEqual(sampleReport);
  });

  it('refuses a field the schema does not know, naming where it is', () => {
    const extra = { ...sampleReport, cases: [{ ...sampleReport.cases[0]!, metrics: { ...sampleReport.cases[0]!.metrics!, coffees: 2 } }], runner: 'ci-7' };
    expect(() => parseExactly(Report, extra)).toThrow('the report model has no field cases[0].metrics.coffees, runner');
  });

  it('reading stays tolerant: a field from a newer agentcheck is dropped, not refused', () => {
    expect(Report.parse({ ...sampleReport, runner: 'ci-7' })).toEqual(sampleReport);
  });
});
