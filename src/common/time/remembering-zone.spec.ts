import { DateTime, IANAZone } from 'luxon';
import { RememberingZone } from './remembering-zone';

describe('RememberingZone', () => {
  const zone = new RememberingZone('Europe/Stockholm');
  const iana = IANAZone.create('Europe/Stockholm');

  it('answers the same offsets as the IANA zone, minute by minute across both DST changes of 2026', () => {
    for (const start of ['2026-03-29T00:00:00Z', '2026-10-25T00:00:00Z']) {
      const from = Date.parse(start);
      for (let ts = from; ts < from + 3 * 3600_000; ts += 60_000) {
        expect([ts, zone.offset(ts)]).toEqual([ts, iana.offset(ts)]);
      }
    }
    expect(zone.offset(Date.parse('2026-03-29T00:59:59Z'))).toBe(60);
    expect(zone.offset(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('gives the same wall-clock times as the named zone, including a time that does not exist on the change day', () => {
    for (const local of ['2026-03-29T02:30', '2026-10-25T02:30', '2026-07-01T12:00']) {
      expect(DateTime.fromISO(local, { zone }).toISO()).toBe(
        DateTime.fromISO(local, { zone: 'Europe/Stockholm' }).toISO(),
      );
    }
    expect(zone.equals(iana)).toBe(true);
    expect(zone.name).toBe('Europe/Stockholm');
  });

  it('refuses an unknown zone', () => {
    expect(() => new RememberingZone('Europe/Atlantis')).toThrow(/Unknown time zone/);
  });
});
