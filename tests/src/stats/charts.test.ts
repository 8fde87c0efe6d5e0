import { describe, expect, it } from 'vitest';
import { coverageChart, groupsChart } from '../../../src/stats/charts.js';
import type { Group } from '../../../src/stats/groups.js';
import { pixel, pngSize } from './support/png.js';

const COVERAGE = {
  users: 6040,
  catalog: 3706,
  k: 10,
  distinct: 1386,
  share: 1386 / 3706,
  perRank: [700, 782, 827, 845, 891, 915, 950, 950, 971, 978],
  cumulative: [700, 890, 1007, 1081, 1146, 1213, 1263, 1307, 1349, 1386],
};

const GROUPS: Group[] = [
  {
    attribute: 'gender',
    value: 'female',
    users: 1709,
    movies: [{ movie: 1, users: 47, share: 0.03, lift: 2.8 }],
  },
  {
    attribute: 'age',
    value: '56+',
    users: 380,
    movies: [{ movie: 2, users: 13, share: 0.03, lift: 5.6 }],
  },
  { attribute: 'occupation', value: 'farmer', users: 17, movies: [] },
];
const TITLES = new Map([
  [1, 'Notting Hill (1999)'],
  [2, 'Great Escape, The (1963)'],
]);

/** Relative luminance, 0 (black) to 1 (white), of an opaque pixel. */
function luminance([r, g, b]: number[]): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

describe('coverageChart', () => {
  it('given coverage figures, then a PNG of at least 400 × 200 between 5 KB and 5 MB', () => {
    const png = coverageChart(COVERAGE);

    expect(pngSize(png)).toEqual({ width: 960, height: 480 });
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(5_000_000);
  });

  it('given coverage figures, then the background is dark and opaque, for Discord’s dark theme', async () => {
    const png = coverageChart(COVERAGE);

    const corner = await pixel(png, 2, 2);
    expect(corner[3]).toBe(255);
    expect(luminance(corner)).toBeLessThan(0.25);
  });

  it('given different figures, then a different picture', () => {
    const other = { ...COVERAGE, perRank: COVERAGE.perRank.map((n) => n / 2) };

    expect(coverageChart(other).equals(coverageChart(COVERAGE))).toBe(false);
  });
});

describe('groupsChart', () => {
  it('given groups, then a PNG at least 400 × 200 on a dark background', async () => {
    const png = groupsChart(GROUPS, TITLES);

    const size = pngSize(png)!;
    expect(size.width).toBeGreaterThanOrEqual(400);
    expect(size.height).toBeGreaterThanOrEqual(200);
    expect(png.length).toBeGreaterThan(5_000);
    expect(png.length).toBeLessThan(5_000_000);
    expect(luminance(await pixel(png, 2, 2))).toBeLessThan(0.25);
  });

  it('given thirty groups, then the picture is 28 pixels taller per group than for twenty', () => {
    const many = (n: number) => Array.from({ length: n }, () => GROUPS[0]);

    const twenty = pngSize(groupsChart(many(20), TITLES))!;
    const thirty = pngSize(groupsChart(many(30), TITLES))!;

    expect(thirty.height - twenty.height).toBe(10 * 28);
  });
});
