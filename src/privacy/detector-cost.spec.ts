import { findPersonalData } from './personal-data-detector';
import { findPersonalDataInUrl } from './personal-data-in-url';

// A smoke check that no detector is quadratic: 1 MiB of each adversarial pattern well under a generous bound on a
// loaded 2-core machine. The figures themselves come from bench/privacy-detector.ts.
const MIB = 1 << 20;
const BOUND_MS = 500;

function mebibyteOf(pattern: string): string {
  return pattern.repeat(Math.ceil(MIB / pattern.length)).slice(0, MIB);
}

/** The best of three runs, so that a neighbour's burst of CPU on a shared machine is not counted. */
function bestOfThree(run: () => unknown): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

describe('detector cost', () => {
  it.each([
    '(0', '1-', '1 ', '0-', '07 ', '46 ', '+4', '1.', '1:', 'a1:', '4111 ', '1', '0', 'a@', '%', 'a.b-c_', 'PG 1 ',
    'SE12 ', 'passnr ', 'ABC 123 ', '\u0661\u0662-', '1\u200b', '10:30 ', '2024-03-15 ', ' at ', '(at)',
    `${'a'.repeat(60)}@`, '3f2a9c1e-0b7d-4e8a-9c1f-0a1b2c3d4e5f ', 'Samverkan enligt rutinen, möte kl. 10.30 den 2026-12-01. ',
  ])('1 MiB of %j', (pattern) => {
    const text = mebibyteOf(pattern);
    expect(bestOfThree(() => findPersonalData(text))).toBeLessThan(BOUND_MS);
  });

  it('1 MiB of percent signs in a URL', () => {
    const url = `https://hooks.example.com/?q=${mebibyteOf('%')}`;
    expect(bestOfThree(() => findPersonalDataInUrl(url))).toBeLessThan(BOUND_MS);
  });
});
