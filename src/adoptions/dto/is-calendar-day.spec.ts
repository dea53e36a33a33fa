import { isCalendarDay } from './is-calendar-day.decorator';

describe('isCalendarDay', () => {
  it.each(['2025-03-10', '2024-02-29', '1999-12-31'])('takes %s', (day) => expect(isCalendarDay(day)).toBe(true));
  it.each([
    '2025-02-29',
    '2025-13-01',
    '2025-04-31',
    '2025-3-10',
    '20250310',
    '2025-03-10T00:00:00Z',
    '2025-03-10 ',
    20250310,
    null,
  ])('refuses %p', (value) => expect(isCalendarDay(value)).toBe(false));
});
