export enum OrganizationType {
  SocialServices = 'social_services',
  Police = 'police',
  Healthcare = 'healthcare',
  School = 'school',
  Prosecution = 'prosecution',
  PrisonProbation = 'prison_probation',
  WomensShelter = 'womens_shelter',
  CountyBoard = 'county_board',
  Other = 'other',
}

export const ORGANIZATION_TYPES = Object.values(OrganizationType);
