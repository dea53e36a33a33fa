/**
 * Runs `check` on every row of a table inside one test and fails once, naming every row that failed. Unit specs
 * that mutation testing reruns for each of thousands of mutants pay per test, not per row (src/privacy).
 */
export function eachCase<Row extends readonly unknown[] | [unknown]>(
  rows: readonly Row[],
  check: (...args: NoInfer<Row>) => void,
): void;
export function eachCase<Row>(rows: readonly Row[], check: (row: NoInfer<Row>) => void): void;
export function eachCase(rows: readonly unknown[], check: (...args: unknown[]) => void): void {
  const failures: string[] = [];
  for (const row of rows) {
    try {
      check(...(Array.isArray(row) ? (row as unknown[]) : [row]));
    } catch (error) {
      failures.push(`${JSON.stringify(row)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} of ${rows.length} cases failed:\n${failures.join('\n')}`);
  }
}
