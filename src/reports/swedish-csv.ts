import { spreadsheetSafe } from '../audit/audit-export';

/** How Swedish official statistics mark a value that is not published: two dots. */
export const SUPPRESSED_CELL = '..';

/** A cell: text, a number, suppressed, or empty (nothing to show, e.g. a rate without a base). */
export type CsvCell = { text: string } | number | 'suppressed' | 'empty';

/**
 * CSV as a spreadsheet with Swedish settings opens it without an import dialog: a UTF-8 byte order mark (so å, ä, ö
 * survive), semicolons between fields (the comma is the decimal sign), decimal commas, CRLF line ends, fields with
 * a semicolon, quote or line break quoted (RFC 4180 otherwise), and text that a spreadsheet would run as a formula
 * (= + - @ first) led by an apostrophe.
 */
export function swedishCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header.map((name) => field(name)), ...rows.map((row) => row.map(cellText))];
  return `\uFEFF${lines.map((line) => `${line.join(';')}\r\n`).join('')}`;
}

function cellText(cell: CsvCell): string {
  if (cell === 'suppressed') {
    return SUPPRESSED_CELL;
  }
  if (cell === 'empty') {
    return '';
  }
  if (typeof cell === 'number') {
    return decimalComma(cell);
  }
  return field(spreadsheetSafe(cell.text));
}

/** 0.8333 → 0,8333; no thousands separators (a spreadsheet reads 12345 as a number either way). */
export const decimalComma = (value: number) => String(value).replace('.', ',');

const field = (value: string) => (/[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
