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

const MUNICIPALITIES = [
  { code: '0180', name: 'Stockholm' },
  { code: '0181', name: 'Södertälje' },
  { code: '0127', name: 'Botkyrka' },
];

const LOCAL_UNITS: { type: OrganizationType; name: (municipality: string) => string }[] = [
  { type: OrganizationType.SocialServices, name: (m) => `Socialtjänsten ${m}` },
  { type: OrganizationType.Police, name: (m) => `Polisen, lokalpolisområde ${m}` },
  { type: OrganizationType.Healthcare, name: (m) => `Vårdcentralen ${m}` },
  { type: OrganizationType.School, name: (m) => `Elevhälsan ${m}` },
  { type: OrganizationType.Prosecution, name: (m) => `Åklagarkammaren ${m}` },
  { type: OrganizationType.PrisonProbation, name: (m) => `Frivården ${m}` },
  { type: OrganizationType.WomensShelter, name: (m) => `Kvinnojouren ${m}` },
  { type: OrganizationType.Other, name: (m) => `Brottsofferjouren ${m}` },
];

/** A small demo region in Stockholm county: every organisation type in three municipalities and the county board. */
export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'county_board', name: 'Länsstyrelsen i Stockholms län', type: OrganizationType.CountyBoard, municipalityCode: '0180' },
  ...MUNICIPALITIES.flatMap((municipality) =>
    LOCAL_UNITS.map((unit) => ({ key: `${unit.type}:${municipality.code}`, name: unit.name(municipality.name), type: unit.type, municipalityCode: municipality.code })),
  ),
];

/** One user of each role, plus caseworkers at police and health care so a three-organisation case can run. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.samverkan.local', displayName: 'Demo Admin', organization: 'county_board', roles: [Role.Admin] },
  { email: 'auditor@demo.samverkan.local', displayName: 'Demo Granskare', organization: 'county_board', roles: [Role.Auditor] },
  { email: 'coordinator@demo.samverkan.local', displayName: 'Demo Samordnare', organization: 'social_services:0181', roles: [Role.Coordinator] },
  { email: 'caseworker@demo.samverkan.local', displayName: 'Demo Socialsekreterare', organization: 'social_services:0181', roles: [Role.Caseworker] },
  { email: 'manager@demo.samverkan.local', displayName: 'Demo Enhetschef', organization: 'social_services:0181', roles: [Role.Manager] },
  { email: 'police@demo.samverkan.local', displayName: 'Demo Utredare', organization: 'police:0181', roles: [Role.Caseworker] },
  { email: 'healthcare@demo.samverkan.local', displayName: 'Demo Kurator', organization: 'healthcare:0181', roles: [Role.Caseworker] },
];
