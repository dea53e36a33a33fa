import { COUNTIES, MUNICIPALITIES, findMunicipality, isMunicipalityCode } from './municipalities';

const EXPECTED_COUNTS_PER_COUNTY: Readonly<Record<string, number>> = {
  '01': 26,
  '03': 8,
  '04': 9,
  '05': 13,
  '06': 13,
  '07': 8,
  '08': 12,
  '09': 1,
  '10': 5,
  '12': 33,
  '13': 6,
  '14': 49,
  '17': 16,
  '18': 12,
  '19': 10,
  '20': 15,
  '21': 10,
  '22': 7,
  '23': 8,
  '24': 15,
  '25': 14,
};

const STOCKHOLM_COUNTY: ReadonlyArray<readonly [string, string]> = [
  ['0114', 'Upplands Väsby'],
  ['0115', 'Vallentuna'],
  ['0117', 'Österåker'],
  ['0120', 'Värmdö'],
  ['0123', 'Järfälla'],
  ['0125', 'Ekerö'],
  ['0126', 'Huddinge'],
  ['0127', 'Botkyrka'],
  ['0128', 'Salem'],
  ['0136', 'Haninge'],
  ['0138', 'Tyresö'],
  ['0139', 'Upplands-Bro'],
  ['0140', 'Nykvarn'],
  ['0160', 'Täby'],
  ['0162', 'Danderyd'],
  ['0163', 'Sollentuna'],
  ['0180', 'Stockholm'],
  ['0181', 'Södertälje'],
  ['0182', 'Nacka'],
  ['0183', 'Sundbyberg'],
  ['0184', 'Solna'],
  ['0186', 'Lidingö'],
  ['0187', 'Vaxholm'],
  ['0188', 'Norrtälje'],
  ['0191', 'Sigtuna'],
  ['0192', 'Nynäshamn'],
];

describe('COUNTIES', () => {
  it('has the 21 counties with their codes and names', () => {
    expect(Object.keys(COUNTIES).sort()).toEqual(Object.keys(EXPECTED_COUNTS_PER_COUNTY).sort());
    expect(COUNTIES['01']).toBe('Stockholms län');
    expect(COUNTIES['09']).toBe('Gotlands län');
    expect(COUNTIES['12']).toBe('Skåne län');
    expect(COUNTIES['14']).toBe('Västra Götalands län');
    expect(COUNTIES['25']).toBe('Norrbottens län');
    for (const name of Object.values(COUNTIES)) {
      expect(name).toMatch(/ län$/);
    }
    expect(new Set(Object.values(COUNTIES)).size).toBe(21);
  });
});

describe('MUNICIPALITIES', () => {
  it('has exactly 290 unique 4-digit codes', () => {
    expect(MUNICIPALITIES).toHaveLength(290);
    const codes = MUNICIPALITIES.map((m) => m.code);
    expect(new Set(codes).size).toBe(290);
    for (const code of codes) {
      expect(code).toMatch(/^\d{4}$/);
    }
  });

  it('derives the county code from the first two digits and every county is known', () => {
    for (const m of MUNICIPALITIES) {
      expect(m.countyCode).toBe(m.code.slice(0, 2));
      expect(Object.prototype.hasOwnProperty.call(COUNTIES, m.countyCode)).toBe(true);
    }
  });

  it('has the expected number of municipalities per county', () => {
    const counts: Record<string, number> = {};
    for (const m of MUNICIPALITIES) {
      counts[m.countyCode] = (counts[m.countyCode] ?? 0) + 1;
    }
    expect(counts).toEqual(EXPECTED_COUNTS_PER_COUNTY);
  });

  it('has exactly the 26 municipalities of Stockholm county', () => {
    const stockholm = MUNICIPALITIES.filter((m) => m.countyCode === '01').map((m) => [m.code, m.name]);
    expect(stockholm).toEqual(STOCKHOLM_COUNTY.map(([code, name]) => [code, name]));
  });

  it('has non-empty, trimmed names that are unique within each county', () => {
    const seen = new Set<string>();
    for (const m of MUNICIPALITIES) {
      expect(m.name).toBe(m.name.trim());
      expect(m.name.length).toBeGreaterThan(0);
      expect(m.name).not.toMatch(/kommun/i);
      const key = `${m.countyCode}:${m.name}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });

  it('contains well-known municipality codes', () => {
    const known: Record<string, string> = {
      '0380': 'Uppsala',
      '0480': 'Nyköping',
      '0580': 'Linköping',
      '0680': 'Jönköping',
      '0780': 'Växjö',
      '0880': 'Kalmar',
      '0980': 'Gotland',
      '1080': 'Karlskrona',
      '1280': 'Malmö',
      '1281': 'Lund',
      '1380': 'Halmstad',
      '1384': 'Kungsbacka',
      '1401': 'Härryda',
      '1480': 'Göteborg',
      '1780': 'Karlstad',
      '1880': 'Örebro',
      '1980': 'Västerås',
      '2080': 'Falun',
      '2180': 'Gävle',
      '2281': 'Sundsvall',
      '2380': 'Östersund',
      '2480': 'Umeå',
      '2580': 'Luleå',
      '2584': 'Kiruna',
    };
    for (const [code, name] of Object.entries(known)) {
      expect(findMunicipality(code)?.name).toBe(name);
    }
  });

  it('is ordered by code', () => {
    const codes = MUNICIPALITIES.map((m) => m.code);
    expect(codes).toEqual([...codes].sort());
  });
});

describe('isMunicipalityCode / findMunicipality', () => {
  it('accepts existing codes', () => {
    expect(isMunicipalityCode('0180')).toBe(true);
    expect(findMunicipality('0180')).toEqual({ code: '0180', name: 'Stockholm', countyCode: '01' });
  });

  it.each(['0100', '9999', '180', '01800', '', ' 0180', '0180 ', '01'])('rejects %p', (code) => {
    expect(isMunicipalityCode(code)).toBe(false);
    expect(findMunicipality(code)).toBeUndefined();
  });
});
