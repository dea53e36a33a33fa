import { findPersonalData } from './personal-data-detector';
import { eachCase } from '../../test/support/each-case';

describe('findPersonalData: e-mail, however @ and . are spelled', () => {
  it('finds', () =>
    eachCase(
      [
        'anna.svensson@example.se',
        'Skicka till Emma.Berg@mail.example.org i dag.',
        '(sara+jour@example.com)',
        'Mejla åsa.öberg@example.se.',
        'a@example.se',
        'x_y%z-w@example.co',
        '.anna@example.se',
        'anna@example.se.',
        'anna@sub-domain.example.se',
        'anna@example.museum',
        'anna@example.abcdefghijklmnopqrstuvwx',
        'anna@123.example.se',
        'anna@example.se2.se',
        'anna@example.se.x1',
        'anna (at) example.se',
        'anna(at)example.se',
        'anna [at] example.se',
        'anna[AT]example.se',
        'anna{at}example.se',
        'anna<at>example.se',
        'anna(a)example.se',
        'anna[a]example.se',
        'anna[@]example.se',
        'anna at example.se',
        'anna AT example.se',
        'anna snabel-a example.se',
        'anna snabel a example punkt se',
        'anna snabela example.se',
        'anna -at- example.se',
        'anna#at#example.se',
        'anna_at_example.se',
        'anna*at*example.se',
        'anna%40example.se',
        'anna &#64; example.se',
        'anna&#064;example.se',
        'anna&commat;example.se',
        'anna @ example.se',
        'anna@ example.se',
        'anna @example.se',
        'anna\u034f@example.se',
        'anna＠example．se',
        'anna@example。se',
        'anna@example(dot)se',
        'anna@example [dot] se',
        'anna@example[punkt]se',
        'anna@example{.}se',
        'anna@example<dot>se',
        'anna@example dot se',
        'anna at example punkt se',
        'anna@example -dot- se'.replace(' -dot- ', '-dot-'),
        'anna@example%2ese',
        'anna@example&#46;se',
        'anna@example&period;se',
        'anna @ example . se',
        'anna@exempel.öäå',
        'anna ( at ) example ( dot ) se',
        'anna [ at ]example.se',
        'åsa.öberg@exempel.se',
        'anna@example.nz',
        'anna@example.zw',
        '0@example.se',
        '9@example.se',
        'a@0.example.se',
        'a@9z.example.se',
      ],
      (text) => {
        expect(findPersonalData(text)).toBe('email');
      },
    ));

  it('ignores', () =>
    eachCase(
      [
        '@Polisen på sociala medier',
        'möte kl 14 @ rum 3',
        'info@ saknas',
        'a@b',
        'version 2@3.4',
        'anna@example.s',
        'anna@example.abcdefghijklmnopqrstuvwxy',
        'anna@example.se1',
        'anna@-example.se',
        'anna@example-.se',
        'anna@example..se',
        'anna@.se',
        'anna@se',
        'anna@',
        '@example.se',
        '...@example.se',
        'träffas at 10',
        'looking at it.',
        `${'a'.repeat(65)}@example.se`,
        `anna@${'a'.repeat(253)}.se`,
        'anna@exam ple.se',
      ],
      (text) => {
        expect(findPersonalData(text)).toBeNull();
      },
    ));

  it('takes at most 64 characters of local part', () => {
    expect(findPersonalData(`${'a'.repeat(64)}@example.se`)).toBe('email');
    expect(findPersonalData(`x ${'a'.repeat(64)}@example.se`)).toBe('email');
    expect(findPersonalData(`${'a'.repeat(246)}@${'b'.repeat(5)}.se`)).toBeNull();
    expect(findPersonalData(`anna@${'a'.repeat(252)}.se`)).toBe('email');
    expect(findPersonalData(`anna@${'a'.repeat(253)}.se`)).toBeNull();
  });

  it.each(['.', '_', '%', '+', '-', 'å', '7'])('counts %s towards the 64 characters of local part', (ch) => {
    expect(findPersonalData(`${'a'.repeat(60)}${ch}aaaa@example.se`)).toBeNull();
    expect(findPersonalData(`${'a'.repeat(59)}${ch}aaaa@example.se`)).toBe('email');
  });

  it('reports the first of several', () => {
    expect(findPersonalData('a@b, c@d och e@example.se')).toBe('email');
    expect(findPersonalData('Ring 070-174 06 14 eller mejla anna@example.se')).toBe('phone');
    expect(findPersonalData('Mejla anna@example.se eller ring 070-174 06 14')).toBe('email');
  });
});
