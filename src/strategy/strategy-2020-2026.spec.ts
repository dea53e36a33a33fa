import { existsSync, readFileSync } from 'fs';
import { resolve } from 'path';

import { STRATEGY_2020_2026, type LocalizedText } from './strategy-2020-2026';

/** Published source text (outside the repository, next to it). */
/** The published text (shared/seeds/000_e3396f47f1d68c8e.txt), kept in the repository so the check runs anywhere. */
const SOURCE_PATH = resolve(__dirname, 'source', 'strategi-stockholms-lan-2020-2026.txt');

interface SourceGoal {
  number: number;
  title: string;
  bullets: string[];
}

function readSource(): string {
  if (!existsSync(SOURCE_PATH)) {
    throw new Error(
      `Strategy source text not found at ${SOURCE_PATH}. ` +
        'The strategy reference data must be verified against the published text; ' +
        'restore src/strategy/source/strategi-stockholms-lan-2020-2026.txt from the published source.',
    );
  }
  return readFileSync(SOURCE_PATH, 'utf8');
}

const GOAL_HEADING = /^(\d+)\. (.+)$/;
const BULLET = /^\s*•\s*(.+?)\s*$/;
const MEASURES_INTRO = 'Förslag på åtgärder till regionala och lokala myndigheter och aktörer:';

/**
 * Parses the numbered goal headings and the "•" bullet lines that follow each
 * heading (skipping blank lines and the "Förslag på åtgärder…" intro) up to the
 * next heading or the first other line of prose.
 */
function parseSourceGoals(source: string): SourceGoal[] {
  const goals: SourceGoal[] = [];
  let current: SourceGoal | undefined;
  for (const rawLine of source.split(/\r?\n/)) {
    const heading = GOAL_HEADING.exec(rawLine);
    if (heading) {
      current = { number: Number(heading[1]), title: heading[2].trim(), bullets: [] };
      goals.push(current);
      continue;
    }
    if (!current) {
      continue;
    }
    const bullet = BULLET.exec(rawLine);
    if (bullet) {
      current.bullets.push(bullet[1]);
    } else if (rawLine.trim() !== '' && rawLine.trim() !== MEASURES_INTRO) {
      current = undefined;
    }
  }
  return goals;
}

function allTexts(): { where: string; text: LocalizedText }[] {
  return STRATEGY_2020_2026.goals.flatMap((goal) => [
    { where: `goal ${goal.number} title`, text: goal.title },
    ...goal.measures.map((m) => ({ where: `measure ${m.code}`, text: m.text })),
  ]);
}

describe('STRATEGY_2020_2026', () => {
  let source: string;
  let sourceGoals: SourceGoal[];

  beforeAll(() => {
    source = readSource();
    sourceGoals = parseSourceGoals(source);
  });

  it('has the expected period metadata', () => {
    expect(STRATEGY_2020_2026.code).toBe('stockholm-2020-2026');
    expect(STRATEGY_2020_2026.validFrom).toBe('2020-01-01');
    expect(STRATEGY_2020_2026.validTo).toBe('2026-12-31');
    expect(STRATEGY_2020_2026.title.sv).toContain('Strategi för att förebygga och bekämpa våld i Stockholms län');
  });

  it('source contains the eight numbered goal headings', () => {
    expect(sourceGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('has eight goals numbered 1..8 in order', () => {
    expect(STRATEGY_2020_2026.goals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('has the published number of measures per goal', () => {
    expect(STRATEGY_2020_2026.goals.map((g) => g.measures.length)).toEqual([6, 4, 3, 4, 3, 2, 3, 2]);
    expect(STRATEGY_2020_2026.goals.map((g) => g.measures.length)).toEqual(sourceGoals.map((g) => g.bullets.length));
  });

  it('every goal title and measure text appears verbatim in the source', () => {
    for (const { where, text } of allTexts()) {
      expect({ where, found: source.includes(text.sv) }).toEqual({ where, found: true });
    }
  });

  it('matches the source goal by goal and bullet by bullet, in published order', () => {
    for (const goal of STRATEGY_2020_2026.goals) {
      const src = sourceGoals.find((g) => g.number === goal.number);
      expect(src).toBeDefined();
      expect(goal.title.sv).toBe(src?.title);
      expect(goal.measures.map((m) => m.text.sv)).toEqual(src?.bullets);
    }
  });

  it('goal titles match the "Prioriteringar för Stockholms län" list', () => {
    const idx = source.indexOf('Prioriteringar för Stockholms län');
    expect(idx).toBeGreaterThanOrEqual(0);
    const priorities = source
      .slice(idx)
      .split(/\r?\n/)
      .map((l) => BULLET.exec(l)?.[1])
      .filter((l): l is string => l !== undefined);
    expect(priorities).toEqual(STRATEGY_2020_2026.goals.map((g) => g.title.sv));
  });

  it('has unique measure codes of the form "<goal>.<n>" numbered from 1', () => {
    const codes = STRATEGY_2020_2026.goals.flatMap((g) => g.measures.map((m) => m.code));
    expect(new Set(codes).size).toBe(codes.length);
    for (const goal of STRATEGY_2020_2026.goals) {
      goal.measures.forEach((m, i) => {
        expect(m.code).toMatch(/^\d+\.\d+$/);
        expect(m.code).toBe(`${goal.number}.${i + 1}`);
      });
    }
  });

  it('Swedish texts are trimmed and carry no bullet character', () => {
    for (const { where, text } of allTexts()) {
      expect({ where, sv: text.sv }).toEqual({ where, sv: text.sv.trim() });
      expect(text.sv).not.toContain('•');
      expect(text.sv.length).toBeGreaterThan(0);
    }
  });

  it('every English text is non-empty and differs from the Swedish', () => {
    for (const { where, text } of [{ where: 'strategy title', text: STRATEGY_2020_2026.title }, ...allTexts()]) {
      expect({ where, empty: text.en.trim().length === 0 }).toEqual({ where, empty: false });
      expect({ where, same: text.en === text.sv }).toEqual({ where, same: false });
    }
  });
});
