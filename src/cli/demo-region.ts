import { Role } from '../common/auth/role';
import { OrganizationType } from '../organizations/organization-type';

export interface DemoOrganization {
  key: string;
  name: string;
  type: OrganizationType;
  municipalityCode: string;
}

export interface DemoUser {
  email: string;
  displayName: string;
  organization: string;
  roles: Role[];
}

/** The demo organisation a user belongs to. */
export function demoOrganizationOf(user: DemoUser): DemoOrganization {
  const organization = DEMO_ORGANIZATIONS.find((candidate) => candidate.key === user.organization);
  if (!organization) {
    throw new Error(`demo user ${user.email} names no demo organisation (${user.organization})`);
  }
  return organization;
}

const MUNICIPALITIES = [
  { code: '0180', name: 'Stockholm' },
  { code: '0181', name: 'Södertälje' },
  { code: '0127', name: 'Botkyrka' },
];

/** `alias` names the unit's demo accounts (`police.manager@…`). */
const LOCAL_UNITS: { type: OrganizationType; alias: string; name: (municipality: string) => string }[] = [
  { type: OrganizationType.SocialServices, alias: 'social', name: (m) => `Socialtjänsten ${m}` },
  { type: OrganizationType.Police, alias: 'police', name: (m) => `Polisen, lokalpolisområde ${m}` },
  { type: OrganizationType.Healthcare, alias: 'healthcare', name: (m) => `Vårdcentralen ${m}` },
  { type: OrganizationType.School, alias: 'school', name: (m) => `Elevhälsan ${m}` },
  { type: OrganizationType.Prosecution, alias: 'prosecution', name: (m) => `Åklagarkammaren ${m}` },
  { type: OrganizationType.PrisonProbation, alias: 'probation', name: (m) => `Frivården ${m}` },
  { type: OrganizationType.WomensShelter, alias: 'shelter', name: (m) => `Kvinnojouren ${m}` },
  { type: OrganizationType.Other, alias: 'victimsupport', name: (m) => `Brottsofferjouren ${m}` },
];

/** The municipality whose organisations have demo accounts, so a case between them can run end to end. */
const STAFFED_MUNICIPALITY = '0181';

/** A small demo region in Stockholm county: every organisation type in three municipalities and the county board. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    key: 'county_board',
    name: 'Länsstyrelsen i Stockholms län',
    type: OrganizationType.CountyBoard,
    municipalityCode: '0180',
  },
  ...MUNICIPALITIES.flatMap((municipality) =>
    LOCAL_UNITS.map((unit) => ({
      key: `${unit.type}:${municipality.code}`,
      name: unit.name(municipality.name),
      type: unit.type,
      municipalityCode: municipality.code,
    })),
  ),
];

const demoUser = (alias: string, organization: string, role: Role.Coordinator | Role.Manager): DemoUser => ({
  email: `${alias}.${role}@demo.samverkan.local`,
  displayName: `Demo ${role === Role.Coordinator ? 'Samordnare' : 'Chef'} (${alias})`,
  organization,
  roles: [role],
});

/**
 * Every organisation type staffed in Södertälje (the county board for its own type) has a coordinator (routines,
 * adoptions, webhooks) and a manager (escalations, reports); the social services' are the short addresses below.
 */
const STAFFED_UNITS = [
  { alias: 'county', organization: 'county_board' },
  ...LOCAL_UNITS.filter((unit) => unit.type !== OrganizationType.SocialServices).map((unit) => ({
    alias: unit.alias,
    organization: `${unit.type}:${STAFFED_MUNICIPALITY}`,
  })),
];
const COORDINATORS_AND_MANAGERS: DemoUser[] = STAFFED_UNITS.flatMap(({ alias, organization }) => [
  demoUser(alias, organization, Role.Coordinator),
  demoUser(alias, organization, Role.Manager),
]);

/**
 * One user of each role, caseworkers at police and health care so a three-organisation case can run, and a
 * coordinator and a manager for every organisation type.
 */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.samverkan.local', displayName: 'Demo Admin', organization: 'county_board', roles: [Role.Admin] },
  {
    email: 'auditor@demo.samverkan.local',
    displayName: 'Demo Granskare',
    organization: 'county_board',
    roles: [Role.Auditor],
  },
  {
    email: 'coordinator@demo.samverkan.local',
    displayName: 'Demo Samordnare',
    organization: 'social_services:0181',
    roles: [Role.Coordinator],
  },
  {
    email: 'caseworker@demo.samverkan.local',
    displayName: 'Demo Socialsekreterare',
    organization: 'social_services:0181',
    roles: [Role.Caseworker],
  },
  {
    email: 'manager@demo.samverkan.local',
    displayName: 'Demo Enhetschef',
    organization: 'social_services:0181',
    roles: [Role.Manager],
  },
  {
    email: 'police@demo.samverkan.local',
    displayName: 'Demo Utredare',
    organization: 'police:0181',
    roles: [Role.Caseworker],
  },
  {
    email: 'healthcare@demo.samverkan.local',
    displayName: 'Demo Kurator',
    organization: 'healthcare:0181',
    roles: [Role.Caseworker],
  },
  ...COORDINATORS_AND_MANAGERS,
];
