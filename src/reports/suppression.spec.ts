import fc from 'fast-check';
import { Breakdown, CountTable, isSmallCount, suppress, Suppression } from './suppression';

const OUTCOMES: Breakdown = { whole: 'completed', parts: ['outcomes.a', 'outcomes.b', 'outcomes.c'] };
const rules = (minCount = 5) => ({ minCount, breakdowns: [OUTCOMES] });
const names = (suppression: Suppression) => ({
  rows: suppression.rows.map((row) => [...row].sort()),
  total: [...suppression.total].sort(),
});
const oneCount = (name: string, rowValues: number[], total = rowValues.reduce((a, b) => a + b, 0)): CountTable => ({
  rows: rowValues.map((value, index) => ({ key: [`r${index}`], counts: { [name]: value } })),
  total: { [name]: total },
});

describe('isSmallCount', () => {
  it('is 1 to minCount − 1; zero and minCount are published', () => {
    expect([0, 1, 4, 5].map((value) => isSmallCount(value, 5))).toEqual([false, true, true, false]);
  });
});

describe('suppress', () => {
  it('suppresses nothing when every count is zero or at least minCount', () => {
    expect(names(suppress(oneCount('cases', [0, 5, 9]), rules()))).toEqual({ rows: [[], [], []], total: [] });
  });

  it('suppresses a small row and the next-smallest row, which the total minus the others would give away', () => {
    expect(names(suppress(oneCount('cases', [7, 2, 12, 6]), rules()))).toEqual({
      rows: [[], ['cases'], [], ['cases']],
      total: [],
    });
  });

  it('needs no complement when two rows are small already', () => {
    expect(names(suppress(oneCount('cases', [3, 2, 12]), rules()))).toEqual({
      rows: [['cases'], ['cases'], []],
      total: [],
    });
  });

  it('takes a non-zero complement before a zero, and the total when nothing else is left', () => {
    expect(names(suppress(oneCount('cases', [0, 3, 0, 8]), rules())).rows).toEqual([[], ['cases'], [], ['cases']]);
    // Overlapping groups (goals) need not add up: the only other non-zero cell is the total.
    expect(names(suppress(oneCount('cases', [3, 0], 9), rules()))).toEqual({ rows: [['cases'], []], total: ['cases'] });
  });

  it('breaks ties by the earlier row', () => {
    expect(names(suppress(oneCount('cases', [6, 2, 6]), rules())).rows).toEqual([['cases'], ['cases'], []]);
  });

  it("suppresses a second outcome when one outcome is small and the row's completed count is published", () => {
    const table: CountTable = {
      rows: [{ key: ['x'], counts: { completed: 11, 'outcomes.a': 3, 'outcomes.b': 8, 'outcomes.c': 0 } }],
      total: { completed: 11, 'outcomes.a': 3, 'outcomes.b': 8, 'outcomes.c': 0 },
    };
    // In the row: a (3) and b (8). The total equals the row, so the same there.
    expect(names(suppress(table, rules()))).toEqual({
      rows: [['outcomes.a', 'outcomes.b']],
      total: ['outcomes.a', 'outcomes.b'],
    });
  });

  it('chains: a complement in one sum can need a complement in another', () => {
    // r0's outcome a (2) and the total's (2) are small. The total's outcomes then have one suppressed cell: its b (13)
    // goes too, being smaller than its completed count (15). r0's outcomes likewise: r0's b (6). Column b then has
    // two suppressed cells (total, r0) and column a two (total, r0): nothing more.
    const row = (a: number, b: number) => ({ completed: a + b, 'outcomes.a': a, 'outcomes.b': b });
    const table: CountTable = {
      rows: [
        { key: ['r0'], counts: row(2, 6) },
        { key: ['r1'], counts: row(0, 7) },
      ],
      total: row(2, 13),
    };
    const breakdowns = [{ whole: 'completed', parts: ['outcomes.a', 'outcomes.b'] }];
    expect(names(suppress(table, { minCount: 5, breakdowns }))).toEqual({
      rows: [['outcomes.a', 'outcomes.b'], []],
      total: ['outcomes.a', 'outcomes.b'],
    });
    // Where the total's a is published (5), r0's complement b (6) leaves column b with one suppressed cell: r1's b
    // (7, smaller than the total's 13) follows, then r1's sum has one: its completed count (7; its a is zero).
    const wider: CountTable = { ...table, total: { completed: 15, 'outcomes.a': 5, 'outcomes.b': 13 } };
    const chained = names(suppress(wider, { minCount: 5, breakdowns }));
    expect(chained.rows[1]).toEqual(['completed', 'outcomes.b']);
  });

  it('protects the marginals of a two-dimensional grouping, which a report with one dimension publishes', () => {
    // (org A, Jan) = 3 is small; org A's other month (Feb, 9) is its complement although the total has other cells.
    const table: CountTable = {
      rows: [
        { key: ['A', 'Jan'], counts: { cases: 3 } },
        { key: ['A', 'Feb'], counts: { cases: 9 } },
        { key: ['B', 'Jan'], counts: { cases: 6 } },
        { key: ['B', 'Feb'], counts: { cases: 20 } },
      ],
      total: { cases: 38 },
    };
    // Row sums: A·Jan 3 → A·Feb 9. Column Jan: A·Jan → B·Jan 6. Column Feb: A·Feb → B·Feb 20. Row B: both already.
    expect(names(suppress(table, rules())).rows).toEqual([['cases'], ['cases'], ['cases'], ['cases']]);
  });

  it('suppresses a small total on its own when there are no rows', () => {
    expect(names(suppress({ rows: [], total: { cases: 4, steps: 0, other: 5 } }, rules()))).toEqual({
      rows: [],
      total: ['cases'],
    });
  });
});

/** What a reader can work out by subtraction: any sum with exactly one unknown gives it away, and that repeats. */
function recoverable(table: CountTable, rulesUsed: ReturnType<typeof rules>, suppression: Suppression): string[] {
  const known = new Map<string, number>();
  const unknown = new Set<string>();
  const cellName = (row: number | 'total', name: string) => `${row}:${name}`;
  const allNames = [...new Set([...Object.keys(table.total), ...table.rows.flatMap((row) => Object.keys(row.counts))])];
  const place = (row: number | 'total', counts: Readonly<Record<string, number>>, hidden: Set<string>) => {
    for (const name of allNames) {
      if (hidden.has(name)) {
        unknown.add(cellName(row, name));
      } else {
        known.set(cellName(row, name), counts[name] ?? 0);
      }
    }
  };
  table.rows.forEach((row, index) => place(index, row.counts, suppression.rows[index]));
  place('total', table.total, suppression.total);
  const sums: { whole: string; parts: string[] }[] = [];
  for (const name of allNames) {
    sums.push({ whole: cellName('total', name), parts: table.rows.map((_, index) => cellName(index, name)) });
  }
  for (const row of [...table.rows.map((_, index) => index), 'total' as const]) {
    for (const { whole, parts } of rulesUsed.breakdowns) {
      sums.push({ whole: cellName(row, whole), parts: parts.map((part) => cellName(row, part)) });
    }
  }
  const found: string[] = [];
  for (let progress = true; progress;) {
    progress = false;
    for (const { whole, parts } of sums) {
      const open = [whole, ...parts].filter((member) => unknown.has(member));
      if (open.length !== 1) {
        continue;
      }
      const [target] = open;
      const partSum = parts.reduce((sum, part) => sum + (known.get(part) ?? 0), 0);
      known.set(target, target === whole ? partSum : (known.get(whole) as number) - partSum);
      unknown.delete(target);
      found.push(target);
      progress = true;
    }
  }
  return found;
}

describe('suppress, for any table', () => {
  const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 40 }));
  const outcomeRow = fc.record({ a: count, b: count, c: count, cases: count }).map(({ a, b, c, cases }) => ({
    completed: a + b + c,
    'outcomes.a': a,
    'outcomes.b': b,
    'outcomes.c': c,
    cases,
  }));
  const table = fc
    .record({ rows: fc.array(outcomeRow, { maxLength: 8 }), overlapping: fc.boolean(), extra: fc.nat({ max: 10 }) })
    .map(({ rows, overlapping, extra }): CountTable => {
      const total: Record<string, number> = {};
      for (const row of rows) {
        for (const [name, value] of Object.entries(row)) {
          total[name] = (total[name] ?? 0) + value;
        }
      }
      // Goal-like groupings overlap: the total counts each case once, so it is smaller than the rows' sum.
      if (overlapping && rows.length > 0) {
        total.cases = Math.max(...rows.map((row) => row.cases)) + extra;
      }
      return { rows: rows.map((counts, index) => ({ key: [`r${index}`], counts })), total };
    });

  it('suppresses every small count and leaves nothing to subtraction, however many sums a reader chains', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 2, max: 6 }), (generated, minCount) => {
        const used = rules(minCount);
        const result = suppress(generated, used);
        generated.rows.forEach((row, index) => {
          for (const [name, value] of Object.entries(row.counts)) {
            if (isSmallCount(value, minCount)) {
              expect(result.rows[index].has(name)).toBe(true);
            }
          }
        });
        for (const [name, value] of Object.entries(generated.total)) {
          if (isSmallCount(value, minCount)) {
            expect(result.total.has(name)).toBe(true);
          }
        }
        expect(recoverable(generated, used, result)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('in two dimensions, leaves a marginal (published by a report with fewer dimensions) with one suppressed cell only when it has no other cell', () => {
    const cells = fc.array(
      fc.record({ a: fc.constantFrom('A', 'B', 'C'), b: fc.constantFrom('x', 'y', 'z'), cases: count }),
      { maxLength: 9 },
    );
    fc.assert(
      fc.property(cells, (generated) => {
        const unique = [...new Map(generated.map((cell) => [`${cell.a}${cell.b}`, cell])).values()];
        const twoDimensional: CountTable = {
          rows: unique.map((cell) => ({ key: [cell.a, cell.b], counts: { cases: cell.cases } })),
          total: { cases: unique.reduce((sum, cell) => sum + cell.cases, 0) },
        };
        const result = suppress(twoDimensional, rules());
        for (const dimension of [0, 1]) {
          const groups = new Map<string, number[]>();
          twoDimensional.rows.forEach((row, index) =>
            groups.set(row.key[dimension], [...(groups.get(row.key[dimension]) ?? []), index]),
          );
          for (const members of groups.values()) {
            const marginal = members.reduce((sum, index) => sum + twoDimensional.rows[index].counts.cases, 0);
            const hiddenRows = members.filter((index) => result.rows[index].has('cases')).length;
            const hidden = hiddenRows + (isSmallCount(marginal, 5) ? 1 : 0);
            if (hidden === 1) {
              expect(hiddenRows).toBe(members.length);
            }
          }
        }
        expect(recoverable(twoDimensional, { minCount: 5, breakdowns: [] }, result)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
