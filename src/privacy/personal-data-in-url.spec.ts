import { findPersonalDataInUrl } from './personal-data-in-url';
import { eachCase } from '../../test/support/each-case';

describe('findPersonalDataInUrl', () => {
  it('passes', () =>
    eachCase(
      [
        ['https://hooks.example.com/samverkan', null],
        ['https://hooks.example.com/samverkan?token=abc&x=1#top', null],
        ['https://198.51.100.7/hook', null],
        ['https://[2001:db8::1]/hook', null],
        ['https://hooks.example.com/cases/3f2a9c1e-0b7d-4e8a-9c1f-0a1b2c3d4e5f', null],
        ['https://hooks.example.com/?from=2024-03-15&to=2024-03-20', null],
        ['https://hooks.example.com/100%25', null],
        ['https://hooks.example.com/?q', null],
        ['https://192.0.2.45/hook', null],
        ['https://[2001:db8::8a2e:370:7334]/hook', null],
        ['https://hooks.example.com/a+b/?x=a+b', null],
        ['https://hooks.example.com/?t=2024-03-15+10:18', null], // '+' is a space: a date and a time, not 202403151018
      ],
      (url, kind) => {
        expect(findPersonalDataInUrl(url)).toBe(kind);
      },
    ));

  it('finds', () =>
    eachCase(
      [
        ['https://hooks.example.com/811228-9874', 'personal_identity_number'],
        ['https://hooks.example.com/811228/9874', 'personal_identity_number'],
        ['https://hooks.example.com/a?811228=9874', 'personal_identity_number'],
        ['https://hooks.example.com/a?p=811228.9874', 'personal_identity_number'],
        ['https://hooks.example.com/a?p=811228+9874', 'personal_identity_number'],
        ['https://hooks.example.com/a?p=%38%31%31%32%32%38%2D%39%38%37%34', 'personal_identity_number'],
        ['https://hooks.example.com/a?p=%2538%2531%2531%2532%2532%2538-9874', 'personal_identity_number'],
        ['https://hooks.example.com/a?811228-9874', 'personal_identity_number'],
        ['https://hooks.example.com/a#811228-9874', 'personal_identity_number'],
        ['https://hooks.example.com/a#p=8112289874', 'personal_identity_number'],
        ['https://811228-9874.example.com/a', 'personal_identity_number'],
        ['https://811228.9874.example.com/a', 'personal_identity_number'],
        ['https://hooks.example.com/cases/3f2a9c1e-0b7d-4e8a-9c1f-199001010017', 'personal_identity_number'],
        ['https://anna.svensson%40example.se@hooks.example.com/', 'email'],
        ['https://anna.svensson@example.se/', 'email'],
        ['https://user:anna%40example.se@hooks.example.com/', 'email'],
        ['https://hooks.example.com/a?mail=anna%40example.se', 'email'],
        ['https://hooks.example.com/a?tel=%2B46701740625', 'phone'],
        ['https://hooks.example.com/a?tel=+46701740625', 'phone'],
        ['https://hooks.example.com/a?tel=0701740625&x=1', 'phone'],
        ['https://hooks.example.com/a?x=1&tel=070-174%2006%2025', 'phone'],
        ['https://hooks.example.com/a?p=811228++9874', 'personal_identity_number'],
        ['https://192.0.2.45.example.com/hook', 'ip_address'],
        ['https://hooks.example.com/?ip=192.0.2.45', 'ip_address'],
        ['foo://811228-9874.1.2.3.4/', 'personal_identity_number'], // an opaque host ending like an IPv4 address
      ],
      (url, kind) => {
        expect(findPersonalDataInUrl(url)).toBe(kind);
      },
    ));

  it('refuses as undecodable', () =>
    eachCase(
      [
        'not a url',
        'https://',
        'https://hooks.example.com/%C3',
        'https://hooks.example.com/a?p=%ff',
        'https://hooks.example.com/a?p%ff=1',
        'https://hooks.example.com/a#%C3',
        'https://%C3@hooks.example.com/',
        'https://u:%C3@hooks.example.com/',
        'https://hooks.example.com/a?p=%252525252525252534',
      ],
      (url) => {
        expect(findPersonalDataInUrl(url)).toBe('undecodable');
      },
    ));

  it('checks the user alone when a password is given', () => {
    expect(findPersonalDataInUrl('https://user:secret@hooks.example.com/')).toBeNull();
    expect(findPersonalDataInUrl('https://811228-9874:secret@hooks.example.com/')).toBe('personal_identity_number');
  });
});
