import { strategyPeriodViolations, StrategyPeriodDocument, suggestedRelink } from './strategy-period-rules';

const text = { sv: 'Text', en: 'Text' };
const document = (more: Partial<StrategyPeriodDocument> = {}): StrategyPeriodDocument => ({
  code: 'stockholm-2027-2032',
  title: text,
  validFrom: '2027-01-01',
  validTo: '2032-12-31',
  previousPeriod: 'stockholm-2020-2026',
  goals: [
    { number: 1, title: text, measures: [{ code: '1.1', text }] },
    {
      number: 3,
      title: text,
      measures: [
        { code: '3.1', text },
        { code: '3.2', text },
      ],
    },
  ],
  measureMapping: { '2.4': ['3.1'], '4.4': ['3.1', '3.2'] },
  ...more,
});
const periods = [{ code: 'stockholm-2020-2026', validFrom: '2020-01-01', validTo: '2026-12-31' }];
const previous = new Set(['2.4', '4.4', '1.1']);
const fields = (doc: StrategyPeriodDocument, known: ReadonlySet<string> | null = previous) =>
  strategyPeriodViolations(doc, periods, known ?? undefined).map((error) => `${error.field} ${error.code}`);

describe('strategyPeriodViolations', () => {
  it('accepts a period that follows the previous one, with a mapping onto its measures', () => {
    expect(fields(document())).toEqual([]);
  });

  it('refuses dates out of order or overlapping another period', () => {
    expect(fields(document({ validFrom: '2026-06-01' }))).toEqual(['validFrom overlapping_period']);
    expect(fields(document({ validFrom: '2033-01-01' }))).toEqual(['validTo ends_before_start']);
  });

  it('refuses goals twice and measures outside their goal or twice', () => {
    const goals = [
      { number: 1, title: text, measures: [{ code: '2.1', text }] },
      {
        number: 1,
        title: text,
        measures: [
          { code: '1.1', text },
          { code: '1.1', text },
        ],
      },
    ];
    expect(fields(document({ goals, measureMapping: {} }))).toEqual([
      'goals[0].measures[0].code measure_outside_goal',
      'goals[1].number duplicate_goal',
      'goals[1].measures[1].code duplicate_measure',
    ]);
  });

  it('refuses a mapping from unknown measures, to unknown measures, or without a previous period', () => {
    expect(fields(document({ measureMapping: { '9.9': ['3.1'], '2.4': ['7.7'] } }))).toEqual([
      'measureMapping.9.9 unknown_previous_measure',
      'measureMapping.2.4[0] unknown_measure',
    ]);
    expect(fields(document({ previousPeriod: 'nowhere' }), null)).toEqual(['previousPeriod unknown_period']);
    expect(fields(document({ previousPeriod: undefined }), null)).toEqual(['measureMapping no_previous_period']);
  });
});

describe('suggestedRelink', () => {
  const mapping = new Map([
    ['2.4', ['3.1']],
    ['4.4', ['3.1', '3.2']],
  ]);
  const measureGoal = new Map([
    ['1.1', 1],
    ['3.1', 3],
    ['3.2', 3],
  ]);

  it('replaces each measure by those it maps to, with their goals, and names the unmapped ones', () => {
    expect(suggestedRelink({ goals: [2, 4], measures: ['2.4', '4.4', '2.1'] }, mapping, measureGoal)).toEqual({
      measures: ['3.1', '3.2'],
      goals: [3],
      unmapped: ['2.1'],
    });
  });

  it('keeps the goals that still exist when no measure maps', () => {
    expect(suggestedRelink({ goals: [1, 2], measures: [] }, mapping, measureGoal)).toEqual({
      measures: [],
      goals: [1],
      unmapped: [],
    });
  });
});
