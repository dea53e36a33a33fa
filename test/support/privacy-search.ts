import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findNeedles, normaliseForSearch, Spelling } from './identifier-spellings';

/**
 * Where the privacy walk looks for what it sent, after the walk: a data-only dump of the test database, the
 * captured process log, and what the webhook receiver got. Findings name table and column, or log keys, and
 * the spelling; never the value. No Jest globals.
 */
export interface Finding {
  where: string;
  spelling: string;
}

export async function dumpDatabase(url: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    'pg_dump',
    ['--data-only', '--no-owner', '--no-privileges', `--dbname=${url}`],
    { maxBuffer: 1024 * 1024 * 1024 },
  );
  return stdout;
}

/** `COPY public.t (a, b) FROM stdin;` sections, row by row; the column is named where a row holds a needle. */
export function searchDump(dump: string, spellings: Spelling[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const section of dump.split(/^COPY /m).slice(1)) {
    const headerEnd = section.indexOf('\n');
    const header = section.slice(0, headerEnd);
    const table = header.split(' ')[0];
    const columns = (header.match(/\(([^)]*)\)/)?.[1] ?? '').split(', ');
    for (const row of section.slice(headerEnd + 1, section.indexOf('\n\\.')).split('\n')) {
      for (const hit of findNeedles(row, spellings)) {
        const column = row.split('\t').findIndex((cell) => findNeedles(cell, [hit.spelling]).length > 0);
        const where = `${table}.${column >= 0 ? columns[column] : '(across columns)'}`;
        const key = `${where} ${hit.spelling.name}`;
        if (!seen.has(key)) {
          findings.push({ where, spelling: hit.spelling.name });
        }
        seen.add(key);
      }
    }
  }
  return findings;
}

/** Log lines (JSON) holding a needle: named by their message and the keys that hold it. */
export function searchLog(output: string, spellings: Spelling[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const line of output.split('\n')) {
    const hits = findNeedles(line, spellings);
    for (const hit of hits) {
      let where = 'log line (not JSON)';
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        const keys = keysHolding(entry, hit.spelling);
        const message =
          typeof entry.msg === 'string' && findNeedles(entry.msg, [hit.spelling]).length === 0
            ? entry.msg.slice(0, 60)
            : '(message withheld)';
        where = `log "${message}" at ${keys.join(', ') || '(across keys)'}`;
      } catch {
        // not JSON: a stack trace or a plain line
      }
      const key = `${where} ${hit.spelling.name}`;
      if (!seen.has(key)) {
        findings.push({ where, spelling: hit.spelling.name });
      }
      seen.add(key);
    }
  }
  return findings;
}

function keysHolding(node: unknown, spelling: Spelling, path = ''): string[] {
  if (typeof node === 'string') {
    return findNeedles(node, [spelling]).length > 0 ? [path || '(value)'] : [];
  }
  if (node === null || typeof node !== 'object') {
    return findNeedles(String(node), [spelling]).length > 0 ? [path] : [];
  }
  return Object.entries(node).flatMap(([key, child]) => keysHolding(child, spelling, path ? `${path}.${key}` : key));
}

export function searchTexts(label: string, texts: string[], spellings: Spelling[]): Finding[] {
  const joined = normaliseForSearch(texts.join('\n'));
  return findNeedles(joined, spellings, true).map((hit) => ({ where: label, spelling: hit.spelling.name }));
}

/** `where ← spelling, spelling` lines. */
export function groupFindings(findings: Finding[]): string[] {
  const byWhere = new Map<string, string[]>();
  for (const finding of findings) {
    byWhere.set(finding.where, [...(byWhere.get(finding.where) ?? []), finding.spelling]);
  }
  return [...byWhere.entries()].map(([where, names]) => `${where} ← ${names.join(', ')}`);
}
