import { Role } from '../common/auth/role';
import { MUNICIPALITIES } from '../organizations/municipalities';
import { OrganizationType } from '../organizations/organization-type';

/** One organisation of the scale county; `unit` marks the one that takes part in its municipality's cases. */
export interface ScaleOrganization {
  key: string;
  name: string;
  type: OrganizationType;
  municipalityCode: string;
  /** The regional organisation it belongs to, by key. */
  parent?: string;
  unit: boolean;
}

export interface ScaleUser {
  email: string;
  displayName: string;
  organization: string;
  roles: Role[];
}

/** Rough population in thousands (SCB 2024): cases are spread over the municipalities in proportion to it. */
const POPULATION: Readonly<Record<string, number>> = {
  '0114': 48,
  '0115': 35,
  '0117': 47,
  '0120': 47,
  '0123': 85,
  '0125': 29,
  '0126': 115,
  '0127': 97,
  '0128': 17,
  '0136': 96,
  '0138': 49,
  '0139': 30,
  '0140': 11,
  '0160': 74,
  '0162': 33,
  '0163': 75,
  '0180': 985,
  '0181': 101,
  '0182': 108,
  '0183': 55,
  '0184': 85,
  '0186': 48,
  '0187': 12,
  '0188': 63,
  '0191': 50,
  '0192': 29,
};

/** Stockholm county's 26 municipalities, each with its share of the county's cases. */
export const SCALE_MUNICIPALITIES = MUNICIPALITIES.filter((municipality) => municipality.countyCode === '01').map(
  (municipality) => ({ ...municipality, weight: POPULATION[municipality.code] ?? 1 }),
);

/** The regional organisations; the local ones belong to them. */
const REGIONAL: ScaleOrganization[] = [
  { key: 'county_board', name: 'Länsstyrelsen i Stockholms län', type: OrganizationType.CountyBoard },
  { key: 'police_region', name: 'Polisregion Stockholm', type: OrganizationType.Police },
  { key: 'health_region', name: 'Region Stockholm', type: OrganizationType.Healthcare },
  { key: 'prosecution_area', name: 'Åklagarområde Stockholm', type: OrganizationType.Prosecution },
  { key: 'probation_region', name: 'Kriminalvården region Stockholm', type: OrganizationType.PrisonProbation },
].map((organization) => ({ ...organization, municipalityCode: '0180', unit: false }));

/** Per municipality: the first unit of each type takes part in its cases, the others are there as in real life. */
const LOCAL: { alias: string; type: OrganizationType; name: (m: string) => string; parent?: string }[] = [
  { alias: 'social', type: OrganizationType.SocialServices, name: (m) => `Socialtjänsten ${m}` },
  {
    alias: 'police',
    type: OrganizationType.Police,
    name: (m) => `Lokalpolisområde ${m}`,
    parent: 'police_region',
  },
  {
    alias: 'healthcare',
    type: OrganizationType.Healthcare,
    name: (m) => `Vårdcentralen ${m} centrum`,
    parent: 'health_region',
  },
  {
    alias: 'healthcare2',
    type: OrganizationType.Healthcare,
    name: (m) => `Vårdcentralen ${m} norra`,
    parent: 'health_region',
  },
  { alias: 'school', type: OrganizationType.School, name: (m) => `Elevhälsan ${m} grundskola` },
  { alias: 'school2', type: OrganizationType.School, name: (m) => `Elevhälsan ${m} gymnasium` },
  {
    alias: 'prosecution',
    type: OrganizationType.Prosecution,
    name: (m) => `Åklagarkammaren ${m}`,
    parent: 'prosecution_area',
  },
  {
    alias: 'probation',
    type: OrganizationType.PrisonProbation,
    name: (m) => `Frivården ${m}`,
    parent: 'probation_region',
  },
  { alias: 'shelter', type: OrganizationType.WomensShelter, name: (m) => `Kvinnojouren ${m}` },
  { alias: 'victimsupport', type: OrganizationType.Other, name: (m) => `Brottsofferjouren ${m}` },
  { alias: 'youthclinic', type: OrganizationType.Other, name: (m) => `Ungdomsmottagningen ${m}` },
];

/** About 300 organisations of every type: five regional ones and eleven in each of the 26 municipalities. */
export const SCALE_ORGANIZATIONS: ScaleOrganization[] = [
  ...REGIONAL,
  ...SCALE_MUNICIPALITIES.flatMap((municipality) => {
    const first = new Set<OrganizationType>();
    return LOCAL.map((local) => {
      const unit = !first.has(local.type);
      first.add(local.type);
      return {
        key: `${local.alias}.${municipality.code}`,
        name: local.name(municipality.name),
        type: local.type,
        municipalityCode: municipality.code,
        parent: local.parent,
        unit,
      };
    });
  }),
];

export const SCALE_EMAIL_DOMAIN = 'scale.samverkan.local';

/**
 * Staff of every organisation: a coordinator, two caseworkers and a manager; the county board also has the admin
 * and the auditor. Addresses are `<role><n>.<organisation key>@scale.samverkan.local`.
 */
export const SCALE_USERS: ScaleUser[] = [
  {
    email: `admin@${SCALE_EMAIL_DOMAIN}`,
    displayName: 'Skala Admin',
    organization: 'county_board',
    roles: [Role.Admin],
  },
  {
    email: `auditor@${SCALE_EMAIL_DOMAIN}`,
    displayName: 'Skala Granskare',
    organization: 'county_board',
    roles: [Role.Auditor],
  },
  ...SCALE_ORGANIZATIONS.flatMap((organization) =>
    (
      [
        [Role.Coordinator, 1],
        [Role.Caseworker, 1],
        [Role.Caseworker, 2],
        [Role.Manager, 1],
      ] as const
    ).map(([role, n]) => ({
      email: `${role}${n}.${organization.key}@${SCALE_EMAIL_DOMAIN}`,
      displayName: `Skala ${role} ${n}`,
      organization: organization.key,
      roles: [role],
    })),
  ),
];
