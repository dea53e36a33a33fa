/**
 * Privacy detector benchmark: `npm run bench:privacy` (or `npm run build && node dist/bench/privacy-detector.js`).
 *
 * Throughput of findPersonalData, in MB/s of UTF-8 input and ms per MiB, on
 *   (a) realistic text from the labelled corpus (test/fixtures/privacy-corpus.json): the clean notes joined into one
 *       text of at least 8 MiB, and the clean notes and the notes with an identifier one call per note (as the guard
 *       checks each value), cycled until 8 MiB have been checked;
 *   (b) adversarial values of 1 MiB (a request body's size) such as `"(0"` repeated.
 * Times are CPU time of this process (process.cpuUsage), so other load on a shared machine counts less than in wall
 * time; a pass shorter than 20 ms is repeated and averaged. Machines are still noisy, so each figure is also given as a
 * ratio to two baselines timed in the same rounds on the same input: `text.normalize('NFKC')` and a `/\d/g` scan.
 * Every input is warmed up, the subjects run interleaved for BENCH_ROUNDS (5) rounds and the median is reported.
 * Also prints the detector's recall and false positives on the corpus.
 */
import { findPersonalData } from '../src/privacy/personal-data-detector';
import { formatPrivacyCorpusScore, loadPrivacyCorpus, scorePrivacyCorpus } from '../test/fixtures/privacy-corpus-score';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const MIB = 1024 * 1024;
const REALISTIC_BYTES = 8 * MIB;
const ADVERSARIAL_BYTES = MIB;
const MIN_PASS_MS = 20;

interface Case {
  name: string;
  /** Each value is passed to the subject once per run. */
  values: string[];
  bytes: number;
}

type Subject = (text: string) => unknown;

const DIGIT = /\d/g;
const SUBJECTS: [string, Subject][] = [
  ['detector', findPersonalData],
  ['NFKC', (t) => t.normalize('NFKC')],
  ['/\\d/g scan', (t) => t.replace(DIGIT, '')],
];

const byteLength = (values: readonly string[]) => values.reduce((sum, v) => sum + Buffer.byteLength(v), 0);

function valueCase(name: string, unit: string): Case {
  const value = unit.repeat(Math.floor(ADVERSARIAL_BYTES / Buffer.byteLength(unit)));
  return { name, values: [value], bytes: byteLength([value]) };
}

/** The notes cycled until `bytes` have been collected. */
function notesCase(name: string, notes: readonly string[], bytes: number): Case {
  const values: string[] = [];
  for (let total = 0, i = 0; total < bytes; i++) {
    values.push(notes[i % notes.length]);
    total += Buffer.byteLength(notes[i % notes.length]);
  }
  return { name, values, bytes: byteLength(values) };
}

function joinedCase(name: string, notes: readonly string[], bytes: number): Case {
  const text = notesCase(name, notes, bytes).values.join('\n');
  return { name, values: [text], bytes: byteLength([text]) };
}

/** CPU milliseconds of one pass of `subject` over `values`, averaged over as many passes as take MIN_PASS_MS. */
function run(subject: Subject, values: readonly string[]): number {
  const started = process.cpuUsage();
  let passes = 0;
  let elapsed = 0;
  do {
    for (const v of values) {
      subject(v);
    }
    passes++;
    const used = process.cpuUsage(started);
    elapsed = (used.user + used.system) / 1000;
  } while (elapsed < MIN_PASS_MS);
  return elapsed / passes;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median milliseconds per subject, the subjects interleaved in every round after one warm-up run each. */
function measure(c: Case): number[] {
  for (const [, subject] of SUBJECTS) {
    run(subject, c.values);
  }
  const times: number[][] = SUBJECTS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    SUBJECTS.forEach(([, subject], i) => times[i].push(run(subject, c.values)));
  }
  return times.map(median);
}

function fmt(n: number, digits = 1): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(digits);
}

function report(c: Case): void {
  const [detector, ...baselines] = measure(c);
  const mbPerSecond = c.bytes / 1e6 / (detector / 1000);
  const msPerMib = detector / (c.bytes / MIB);
  const ratios = baselines.map((b) => `${fmt(detector / b, 2).padStart(7)} x`).join(' ');
  process.stdout.write(
    `${c.name.padEnd(46)} ${(c.bytes / MIB).toFixed(2).padStart(5)} MiB ${fmt(mbPerSecond).padStart(8)} MB/s ` +
      `${fmt(msPerMib, 2).padStart(9)} ms/MiB ${ratios}\n`,
  );
}

function main(): void {
  const corpus = loadPrivacyCorpus();
  const clean = corpus.filter((e) => e.kind === null).map((e) => e.text);
  const withIdentifier = corpus.filter((e) => e.kind !== null).map((e) => e.text);

  process.stdout.write(`privacy corpus (${clean.length} clean notes, ${withIdentifier.length} with an identifier):\n`);
  process.stdout.write(`${formatPrivacyCorpusScore(scorePrivacyCorpus(corpus))}\n\n`);
  process.stdout.write(
    `findPersonalData throughput (CPU time), node ${process.version}, median of ${ROUNDS} rounds after a warm-up; ` +
      `the last columns are the detector's time as a multiple of NFKC normalisation and of a /\\d/g scan of the same input\n`,
  );
  process.stdout.write(
    `${'input'.padEnd(46)} ${'size'.padStart(9)} ${'detector'.padStart(13)} ${''.padStart(16)} ${'x NFKC'.padStart(9)} ${'x \\d scan'.padStart(9)}\n`,
  );

  const cases: Case[] = [
    joinedCase('clean notes as one text', clean, REALISTIC_BYTES),
    notesCase('clean notes, one call per note', clean, REALISTIC_BYTES),
    notesCase('notes with an identifier, one call per note', withIdentifier, REALISTIC_BYTES),
    valueCase('"(0" repeated', '(0'),
    valueCase('"1-" repeated', '1-'),
    valueCase('"0 " repeated', '0 '),
    valueCase('digits only', '0123456789'),
    valueCase('"a@" repeated', 'a@'),
    valueCase('"%" repeated', '%'),
    valueCase('"1." repeated', '1.'),
    valueCase('a digit and U+034F repeated', '1\u034f'),
    valueCase('"-" repeated', '-'),
    // The worst patterns the detector's own measurements found (each exercises one detector's windows).
    ...[
      '+4',
      '46 ',
      '07 ',
      'PG 1 ',
      'SE12 ',
      'passnr ',
      '10:30 ',
      '2024-03-15 ',
      '4111 ',
      ' at ',
      '(at)',
      'a1:',
      '\u0661\u0662-',
      '3f2a9c1e-0b7d-4e8a-9c1f-0a1b2c3d4e5f ',
    ].map((unit) => valueCase(`${JSON.stringify(unit)} repeated`, unit)),
  ];
  for (const c of cases) {
    report(c);
  }
}

main();
