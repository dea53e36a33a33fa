/**
 * Small-count suppression for published statistics over cases, with complementary suppression.
 *
 * A table is a set of count cells: one per row (a group of the report) and count name, and the same names for the
 * total. The published cells are tied together by sums a reader can subtract from:
 * - for each grouping: the total equals the sum of the rows; with two or three dimensions also every marginal
 *   (rows sharing the values of some of the dimensions), which another report with fewer dimensions publishes, so
 *   it is treated as known unless it is small itself;
 * - for each row and the total: a count and its breakdown (completed steps and their outcomes).
 * Goal and measure groupings overlap (a case belongs to every goal of its routine), so their sums are no equalities;
 * they are treated as if they were, which can only suppress more.
 *
 * The rule: a count from 1 to minCount − 1 is suppressed (primary). Then, while some sum has exactly one suppressed
 * cell, the smallest other cell of that sum (the smallest non-zero one if there is one) is suppressed as well. Ties
 * go to the earlier row, then the earlier name. Afterwards no sum has exactly one suppressed cell, so no suppressed
 * cell can be had by subtracting the published cells of a sum, however many sums a reader chains (each step would
 * need a sum with one unknown). Combining several sums with two unknowns each (linear algebra over the whole table)
 * and comparing reports with different filters are not guarded against: docs/reports.md says so.
 */
export interface CountTable {
  /** Each row's group key, one string per dimension in groupBy order (the same length for every row). */
  rows: readonly { key: readonly string[]; counts: Readonly<Record<string, number>> }[];
  total: Readonly<Record<string, number>>;
}

/** A count that is the sum of other counts of the same row (or of the total): `stepsCompleted` of its outcomes. */
export interface Breakdown {
  whole: string;
  parts: readonly string[];
}

export interface SuppressionRules {
  minCount: number;
  breakdowns: readonly Breakdown[];
}

/** The names of the suppressed counts, per row (in the table's order) and for the total. */
export interface Suppression {
  rows: Set<string>[];
  total: Set<string>;
}

/** Counts from 1 to minCount − 1 are too small to publish; zero is published. */
export const isSmallCount = (value: number, minCount: number) => value >= 1 && value < minCount;

export function suppress(table: CountTable, rules: SuppressionRules): Suppression {
  const names = countNames(table);
  const rowCount = table.rows.length;
  const realCells = (rowCount + 1) * names.length;
  const values: number[] = [];
  for (let row = 0; row <= rowCount; row += 1) {
    const counts = row === rowCount ? table.total : table.rows[row].counts;
    for (const name of names) {
      values.push(counts[name] ?? 0);
    }
  }
  const nameIndex = new Map(names.map((name, index) => [name, index]));
  const cell = (row: number, name: string) => row * names.length + (nameIndex.get(name) as number);
  const sums: number[][] = [];

  const dimensions = table.rows[0]?.key.length ?? 0;
  for (const subset of subsetsSmallerThan(dimensions)) {
    const groups = new Map<string, number[]>();
    table.rows.forEach((row, index) => {
      const marginal = JSON.stringify(subset.map((dimension) => row.key[dimension]));
      const members = groups.get(marginal);
      if (members) {
        members.push(index);
      } else {
        groups.set(marginal, [index]);
      }
    });
    for (const members of groups.values()) {
      for (const name of names) {
        const parts = members.map((row) => cell(row, name));
        if (subset.length === 0) {
          sums.push([cell(rowCount, name), ...parts]);
        } else {
          // A marginal published by another report: known, with the value its parts add up to.
          values.push(parts.reduce((sum, part) => sum + values[part], 0));
          sums.push([values.length - 1, ...parts]);
        }
      }
    }
  }
  for (const { whole, parts } of rules.breakdowns) {
    const present = parts.filter((part) => nameIndex.has(part));
    if (!nameIndex.has(whole) || present.length === 0) {
      continue;
    }
    for (let row = 0; row <= rowCount; row += 1) {
      sums.push([cell(row, whole), ...present.map((part) => cell(row, part))]);
    }
  }

  const suppressed = values.map((value) => isSmallCount(value, rules.minCount));
  // The sums each cell is in, as one flat list (cell c's sums are sumsOf[first[c] .. first[c + 1]]).
  const first = new Int32Array(values.length + 1);
  for (const members of sums) {
    for (const member of members) {
      first[member + 1] += 1;
    }
  }
  for (let index = 1; index <= values.length; index += 1) {
    first[index] += first[index - 1];
  }
  const sumsOf = new Int32Array(first[values.length]);
  const filled = first.slice(0, values.length);
  sums.forEach((members, index) => {
    for (const member of members) {
      sumsOf[filled[member]++] = index;
    }
  });
  const unknowns = sums.map((members) => members.filter((member) => suppressed[member]).length);
  const pending = sums.map((_, index) => index).filter((index) => unknowns[index] === 1);
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (unknowns[index] !== 1) {
      continue;
    }
    const complement = smallestPublished(sums[index], values, suppressed, realCells);
    if (complement === undefined) {
      continue;
    }
    suppressed[complement] = true;
    for (const other of sumsOf.subarray(first[complement], first[complement + 1])) {
      unknowns[other] += 1;
      if (unknowns[other] === 1) {
        pending.push(other);
      }
    }
  }

  const namesSuppressedIn = (row: number) => new Set(names.filter((name) => suppressed[cell(row, name)]));
  return { rows: table.rows.map((_, row) => namesSuppressedIn(row)), total: namesSuppressedIn(rowCount) };
}

/** The cell to suppress beside a sum's single suppressed one: the smallest non-zero published cell, else a zero. */
function smallestPublished(
  members: number[],
  values: number[],
  suppressed: boolean[],
  realCells: number,
): number | undefined {
  const rank = (member: number) => (values[member] === 0 ? Number.POSITIVE_INFINITY : values[member]);
  let best: number | undefined;
  for (const member of members) {
    if (member >= realCells || suppressed[member]) {
      continue;
    }
    // The earlier cell wins a tie: cells are numbered row by row, the total's last.
    if (best === undefined || rank(member) < rank(best) || (rank(member) === rank(best) && member < best)) {
      best = member;
    }
  }
  return best;
}

/** Every count name of the table, in first-seen order: a name missing from a row is a zero there. */
function countNames(table: CountTable): string[] {
  const names = new Set(Object.keys(table.total));
  for (const row of table.rows) {
    for (const name of Object.keys(row.counts)) {
      names.add(name);
    }
  }
  return [...names];
}

/** The subsets of the dimensions 0..n−1 with fewer than n members (the empty one first): the groupings' marginals. */
function subsetsSmallerThan(n: number): number[][] {
  return [...Array(Math.max(2 ** n - 1, 0)).keys()].map((mask) =>
    [...Array(n).keys()].filter((dimension) => mask & (1 << dimension)),
  );
}
