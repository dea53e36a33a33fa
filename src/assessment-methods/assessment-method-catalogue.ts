/** Whom a standardised assessment method assesses. */
export type AssessedParty = 'victim' | 'perpetrator';
export const ASSESSED_PARTIES: readonly AssessedParty[] = ['victim', 'perpetrator'];

/** Level codes of each method by its code, as routines and case steps check them. */
export type AssessmentMethodIndex = ReadonlyMap<string, readonly string[]>;

export interface AssessmentLevel {
  code: string;
  sv: string;
  en: string;
}

export interface AssessmentMethodDefinition {
  code: string;
  name: { sv: string; en: string };
  assesses: AssessedParty;
  /** The strategy period whose measures `measures` names. */
  period: string;
  measures: string[];
  /** The coded results, in order (lowest first where the method grades). Only the code is ever kept on a case. */
  levels: AssessmentLevel[];
}

const RISK_LEVELS: AssessmentLevel[] = [
  { code: 'low', sv: 'Låg risk', en: 'Low risk' },
  { code: 'moderate', sv: 'Måttlig risk', en: 'Moderate risk' },
  { code: 'high', sv: 'Hög risk', en: 'High risk' },
];

const PERIOD = 'stockholm-2020-2026';

/**
 * The methods Socialstyrelsen and the police use in Sweden, seeded by migration: FREDA for victims (measures 3.2
 * early detection and 4.1 standardised assessment of victims), the structured professional judgement instruments for
 * perpetrators (measure 2.1). Later methods are added through the API (audited).
 */
export const SEEDED_ASSESSMENT_METHODS: readonly AssessmentMethodDefinition[] = [
  {
    code: 'freda_kortfragor',
    name: { sv: 'FREDA-kortfrågor', en: 'FREDA short questions (screening for exposure to violence)' },
    assesses: 'victim',
    period: PERIOD,
    measures: ['3.2', '4.1'],
    levels: [
      { code: 'indicated', sv: 'Våldsutsatthet indikeras', en: 'Exposure to violence indicated' },
      { code: 'not_indicated', sv: 'Våldsutsatthet indikeras inte', en: 'Exposure to violence not indicated' },
    ],
  },
  {
    code: 'freda_beskrivning',
    name: { sv: 'FREDA-beskrivning', en: 'FREDA description (extent and kinds of violence)' },
    assesses: 'victim',
    period: PERIOD,
    measures: ['3.2', '4.1'],
    levels: [
      { code: 'limited', sv: 'Begränsad våldsutsatthet', en: 'Limited exposure to violence' },
      { code: 'extensive', sv: 'Omfattande våldsutsatthet', en: 'Extensive exposure to violence' },
    ],
  },
  {
    code: 'freda_farlighetsbedomning',
    name: { sv: 'FREDA-farlighetsbedömning', en: 'FREDA danger assessment' },
    assesses: 'victim',
    period: PERIOD,
    measures: ['4.1'],
    levels: RISK_LEVELS,
  },
  {
    code: 'sara_sv',
    name: {
      sv: 'SARA:SV – bedömning av risk för fortsatt partnervåld',
      en: 'SARA:SV – Spousal Assault Risk Assessment, Swedish version',
    },
    assesses: 'perpetrator',
    period: PERIOD,
    measures: ['2.1'],
    levels: RISK_LEVELS,
  },
  {
    code: 'b_safer',
    name: {
      sv: 'B-SAFER – strukturerad bedömning av risk för partnervåld',
      en: 'B-SAFER – Brief Spousal Assault Form for the Evaluation of Risk',
    },
    assesses: 'perpetrator',
    period: PERIOD,
    measures: ['2.1'],
    levels: RISK_LEVELS,
  },
  {
    code: 'patriark',
    name: {
      sv: 'PATRIARK – bedömning av risk för hedersrelaterat våld',
      en: 'PATRIARK – assessment of the risk of honour-based violence',
    },
    assesses: 'perpetrator',
    period: PERIOD,
    measures: ['2.1'],
    levels: RISK_LEVELS,
  },
  {
    code: 'sam',
    name: { sv: 'SAM – bedömning av risk för stalkning', en: 'SAM – Stalking Assessment and Management' },
    assesses: 'perpetrator',
    period: PERIOD,
    measures: ['2.1'],
    levels: RISK_LEVELS,
  },
  {
    code: 'svr_20',
    name: { sv: 'SVR-20 – bedömning av risk för sexuellt våld', en: 'SVR-20 – Sexual Violence Risk-20' },
    assesses: 'perpetrator',
    period: PERIOD,
    measures: ['2.1'],
    levels: RISK_LEVELS,
  },
];
