import { decimalComma, swedishCsv } from './swedish-csv';

describe('swedishCsv', () => {
  it('starts with a byte order mark, separates by semicolons and ends every line with CRLF', () => {
    expect(swedishCsv(['a', 'b'], [[1, { text: 'x' }]])).toBe('\uFEFFa;b\r\n1;x\r\n');
  });

  it('writes decimal commas, .. for a suppressed cell and nothing for an empty one', () => {
    expect(swedishCsv(['rate', 'count', 'p50'], [[0.8333, 'suppressed', 'empty']])).toBe(
      '\uFEFFrate;count;p50\r\n0,8333;..;\r\n',
    );
    expect(decimalComma(12)).toBe('12');
  });

  it('quotes semicolons, quotes and line breaks, and keeps text that looks like a formula text', () => {
    const csv = swedishCsv(
      ['t'],
      [[{ text: 'Möte; "gemensamt"' }], [{ text: '=HYPERLINK("x")' }], [{ text: '-1' }], [{ text: '@x' }]],
    );
    expect(csv.split('\r\n').slice(1, 5)).toEqual(['"Möte; ""gemensamt"""', `"'=HYPERLINK(""x"")"`, "'-1", "'@x"]);
  });
});
