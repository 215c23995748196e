import { describe, expect, it } from 'vitest';
import { renderBadge } from './badge.js';
import { loadFixture } from './fixtures/load.test-helpers.js';

describe('the README badge', () => {
  const report = loadFixture();

  it('is an SVG with the level and the score, coloured by level', () => {
    const svg = renderBadge(report);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20"/);
    expect(svg).toContain(`>${report.scorecard.level} ${report.scorecard.score}/100</text>`);
    expect(svg).toContain('fill="#e05d44"'); // L0
    const l3 = renderBadge({ ...report, scorecard: { ...report.scorecard, level: 'L3', score: 100 } });
    expect(l3).toContain('>L3 100/100</text>');
    expect(l3).toContain('fill="#4c1"');
    expect(Number(/width="(\d+)"/.exec(l3)![1])).toBeGreaterThan(Number(/width="(\d+)"/.exec(svg)![1]));
  });
});
