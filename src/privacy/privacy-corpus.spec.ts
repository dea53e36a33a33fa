import { PERSONAL_DATA_KINDS } from './personal-data-detector';
import {
  CorpusEntry,
  formatPrivacyCorpusScore,
  loadPrivacyCorpus,
  scorePrivacyCorpus,
  SPELLING_CLASSES,
  SpellingClass,
} from '../../test/fixtures/privacy-corpus-score';

// The labelled corpus (test/fixtures/privacy-corpus.json, fictional identifiers only): realistic notes from
// social services, police, health care, schools, prosecutors and shelters about their collaboration. Entries are
// named by their 0-based index in the file, never quoted, so a report of this spec is safe to paste anywhere.

const corpus = loadPrivacyCorpus();
const positives = corpus.filter((e) => e.kind !== null);
const negatives = corpus.filter((e) => e.kind === null);

/** Which of `forms` no entry shows: [name, pattern] pairs, each written so that the context of a note cannot match it. */
function absent(entries: readonly CorpusEntry[], forms: readonly (readonly [string, RegExp])[]): string[] {
  return forms.filter(([, re]) => !entries.some((e) => re.test(e.text))).map(([name]) => name);
}

const inClass = (c: SpellingClass) => positives.filter((e) => e.class === c);

describe('privacy corpus', () => {
  it('holds at least 300 notes with an identifier and 300 without, all distinct, every kind and spelling class', () => {
    expect(positives.length).toBeGreaterThanOrEqual(300);
    expect(negatives.length).toBeGreaterThanOrEqual(300);
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
    const thinKinds = PERSONAL_DATA_KINDS.filter((k) => positives.filter((e) => e.kind === k).length < 8);
    const thinClasses = SPELLING_CLASSES.filter((c) => inClass(c).length < 10);
    expect({ thinKinds, thinClasses }).toEqual({ thinKinds: [], thinClasses: [] });
  });

  it('spells identifiers in every adversarial way', () => {
    const identity = (sep: string) =>
      new RegExp(`\\d{6}${sep}\\d{4}|\\d{2}${sep}\\d{2}${sep}\\d{2}${sep}\\d{2}|\\d{3}${sep}\\d{3}`);
    const missing = {
      other_script: absent(inClass('other_script'), [
        ['Arabic-Indic digits', /[\u0660-\u0669]{4}/],
        ['Persian digits', /[\u06f0-\u06f9]{4}/],
        ['Devanagari digits', /[\u0966-\u096f]{4}/],
        ['full-width digits', /[\uff10-\uff19]{4}/],
        ['digits outside the BMP', /[\u{1d7ce}-\u{1d7ff}\u{1e950}-\u{1e959}]{4}/u],
        ['Latin and Arabic-Indic digits mixed', /\d[-\u0660-\u0669]*[\u0660-\u0669]/],
      ]),
      invisible: absent(
        inClass('invisible'),
        ['\u034f', '\ufe0f', '\u200b', '\u00ad', '\u2060', '\u0301', '\u200e', '\u200f'].map(
          (c) => [`U+${c.codePointAt(0)!.toString(16)}`, new RegExp(`\\d${c}|${c}\\d`)] as const,
        ),
      ),
      separator: absent(inClass('separator'), [
        ['dots', identity('\\.')],
        ['slashes', identity('/')],
        ['underscores', identity('_')],
        ['colons', identity(':')],
        ['commas', identity(',')],
        ['U+2011', identity('\u2011')],
        ['U+2212', identity('\u2212')],
        ['em dash', identity('\u2014')],
        ['" - "', identity(' - ')],
        ['double spaces', identity('  ')],
        ['no-break space', identity('\u00a0')],
        ['line break', identity('\n')],
        ['a space between every digit', /\d( \d){9}/],
        ['a dash between every digit', /\d(-\d){9}/],
      ]),
      iso_date: absent(inClass('iso_date'), [['1940-01-15-0988', /(?:18|19|20)\d\d-\d\d-\d\d-\d{4}/]]),
      glued: absent(inClass('glued'), [
        ['pnr1940…', /pnr(?:18|19|20)\d{10}/],
        ['Ring0701234567', /Ring0\d{9}/],
        ['tel_…', /tel_0/],
        ['letters after the digits', /\d{4}[a-z]/],
      ]),
      uuid: absent(inClass('uuid'), [
        ['identity number as the last group', /-[0-9a-f]{4}-(?:18|19|20)\d{10}\b/i],
        ['identity number as the first groups', /\b(?:18|19|20)\d{6}-\d{4}-[0-9a-f]{4}-/i],
      ]),
      no_plus: absent(inClass('no_plus'), [
        ['46 70 …', /(?<![\d+])46 7\d \d/],
        ['0046…', /(?<!\d)0046\d/],
      ]),
      obfuscated_email: absent(inClass('obfuscated_email'), [
        ['" at "', / at /],
        ['{at}', /\{at\}/],
        ['[AT]', /\[AT\]/],
        ['%40', /%40/],
        ['。 for the dot', /。/],
        ['U+034F before @', /\u034f@/],
        ['" dot "', / dot /],
        ['(a)', /\(a\)/],
        ['snabel-a', /snabel-a/],
      ]),
    };
    expect(missing).toEqual({
      other_script: [],
      invisible: [],
      separator: [],
      iso_date: [],
      glued: [],
      uuid: [],
      no_plus: [],
      obfuscated_email: [],
    });
  });

  it('has clean notes that carry every kind of number real notes carry', () => {
    const uuids = negatives.flatMap(
      (e) => e.text.match(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g) ?? [],
    );
    expect(uuids.length).toBeGreaterThanOrEqual(30);
    expect(
      absent(negatives, [
        ['ISO date', /\b20\d\d-\d\d-\d\d\b/],
        ['day/month', /(?<![\d/])\d{1,2}\/\d{1,2}(?![\d/])/],
        [
          'spelled date',
          /\b\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\b/,
        ],
        ['kl. 10.30', /kl\. \d\d\.\d\d/],
        ['10:30–11:00', /\d\d:\d\d–\d\d:\d\d/],
        ['10.30-11.00', /\d\d\.\d\d-\d\d\.\d\d/],
        ['date range', /\d{4}-\d\d-\d\d–\d{4}-\d\d-\d\d/],
        ['compact date range', /(?<!\d)20\d{6}-20\d{6}(?!\d)/],
        ['SAM case number', /SAM-\d{4}-\d{6}/],
        ['dnr', /dnr \d{4}\/\d{4}/i],
        ['police case number', /K\d{6}-\d\d/],
        ['prosecution case number', /Ä \d{4}-\d{4}/],
        ['amount', /\d{1,3} \d{3} kr/],
        ['amount with öre', /\d,\d\d kr/],
        ['SFS', /SFS \d{4}:\d+/],
        ['OSL reference', /\d+ kap\. \d+ § OSL/],
        ['SoL reference', /\d+ kap\. \d+ § SoL/],
        ['BrB reference', /BrB \d+ kap\. \d+ a §/],
        ['municipality code', /[Kk]ommun(?:kod)? \d{4}\b/],
        ['postcode', /postnummer(?:området)? \d{3} \d\d\b/],
        ['organisation number', /organisationsnummer \d{6}-\d{4}/],
        ['percentage', /\d ?%/],
        ['duration', /\b(?:PT\d+H|P\d+D|\d+ min)\b/],
        ['Kvinnofridslinjen', /020-50 50 50/],
        ['116 006', /116 006/],
        ['112', /\b112\b/],
        ['1177', /\b1177\b/],
        ['114 14', /114 14/],
        ['90000', /\b90000\b/],
        ['week number', /\b(?:vecka|v\.) ?\d{1,2}\b/],
        ['room number', /\brum \d/],
        ['version', /\bv\d+\.\d+\.\d+\b/],
      ]),
    ).toEqual([]);
  });

  it('is detected with recall of at least 99 % (every plain spelling) and at most 1 % false positives', () => {
    const score = scorePrivacyCorpus(corpus);
    const plainMissed = score.missed.filter((m) => corpus[m.index].class === 'plain').map((m) => m.index);
    // The figures ride along in the compared object, so a failure prints them with the misclassified indexes.
    const report = formatPrivacyCorpusScore(score);
    expect({
      recallAtLeast99Percent: score.recall >= 0.99,
      plainMissed,
      falsePositivesAtMost1Percent: score.falsePositiveRate <= 0.01,
      report,
    }).toEqual({
      recallAtLeast99Percent: true,
      plainMissed: [],
      falsePositivesAtMost1Percent: true,
      report,
    });
  });
});
