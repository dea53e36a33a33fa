import { reportPeriod, ReportPeriodError, timeKeySql, yearPeriod } from './report-period';

describe('reportPeriod', () => {
  const asOf = new Date('2026-06-15T10:00:00Z');

  it('runs from midnight in Stockholm at the start of from to midnight at the end of to, in winter and in summer', () => {
    const period = reportPeriod({ from: '2025-03-01', to: '2025-03-31', asOf });
    expect(period.start).toEqual(new Date('2025-02-28T23:00:00Z'));
    expect(period.end).toEqual(new Date('2025-03-31T22:00:00Z'));
  });

  it('ends at asOf when that is earlier, and defaults to the year of asOf up to its day', () => {
    expect(reportPeriod({ asOf })).toEqual({
      from: '2026-01-01',
      to: '2026-06-15',
      asOf,
      start: new Date('2025-12-31T23:00:00Z'),
      end: asOf,
    });
  });

  it('refuses a period that ends before it begins, and allows one day', () => {
    expect(() => reportPeriod({ from: '2026-02-02', to: '2026-02-01', asOf })).toThrow(ReportPeriodError);
    expect(reportPeriod({ from: '2026-02-02', to: '2026-02-02', asOf }).end).toEqual(new Date('2026-02-02T23:00:00Z'));
  });

  it('gives a whole Swedish year', () => {
    const year = yearPeriod(2025, asOf);
    expect([year.start, year.end]).toEqual([new Date('2024-12-31T23:00:00Z'), new Date('2025-12-31T23:00:00Z')]);
  });
});

describe('timeKeySql', () => {
  it('formats on the Stockholm calendar', () => {
    expect(timeKeySql('quarter', 's.completed_at')).toBe(
      `to_char(s.completed_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-"Q"Q')`,
    );
  });
});
