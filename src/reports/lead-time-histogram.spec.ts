import { percentile } from './lead-time-histogram';

describe('percentile of a lead-time histogram', () => {
  it('interpolates between neighbours as percentile_cont does', () => {
    // The values 10, 24, 24, 108: percentile_cont(0.5) = 24, (0.9) = 24 + 0.7 × 84.
    const histogram = new Map([
      [24, 2],
      [10, 1],
      [108, 1],
    ]);
    expect(percentile(histogram, 0.5)).toBe(24);
    expect(percentile(histogram, 0.9)).toBeCloseTo(82.8, 6);
    expect(percentile(histogram, 0)).toBe(10);
    expect(percentile(histogram, 1)).toBe(108);
  });

  it('has none without values, and ignores buckets emptied by withdrawn steps', () => {
    expect(percentile(new Map(), 0.5)).toBeNull();
    expect(percentile(new Map([[5, 0]]), 0.5)).toBeNull();
    expect(
      percentile(
        new Map([
          [5, 0],
          [7, 1],
        ]),
        0.9,
      ),
    ).toBe(7);
  });
});
