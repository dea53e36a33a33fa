import { MigrationInterface, QueryRunner } from 'typeorm';

interface SeededCode {
  kind: 'step_skip' | 'case_closure' | 'follow_up_outcome';
  code: string;
  sv: string;
  en: string;
  systemOnly?: boolean;
}

/** The default set, frozen with this migration: later changes go through the API (audited) or a new migration. */
export const SEEDED_REASON_CODES: readonly SeededCode[] = [
  { kind: 'step_skip', code: 'not_needed', sv: 'Behövs inte i ärendet', en: 'Not needed in this case' },
  { kind: 'step_skip', code: 'not_applicable', sv: 'Ej aktuellt', en: 'Not applicable' },
  {
    kind: 'step_skip',
    code: 'declined_by_party',
    sv: 'Den enskilde har avböjt',
    en: 'Declined by the person concerned',
  },
  { kind: 'step_skip', code: 'no_consent', sv: 'Samtycke saknas', en: 'No consent' },
  {
    kind: 'step_skip',
    code: 'could_not_reach',
    sv: 'Har inte nått den enskilde',
    en: 'Could not reach the person concerned',
  },
  {
    kind: 'step_skip',
    code: 'handled_elsewhere',
    sv: 'Hanteras inom annan insats eller verksamhet',
    en: 'Handled elsewhere',
  },
  { kind: 'step_skip', code: 'duplicate', sv: 'Dubblett', en: 'Duplicate' },
  {
    kind: 'step_skip',
    code: 'case_closed',
    sv: 'Ärendet avslutades innan steget var klart',
    en: 'The case was closed before the step was finished',
    systemOnly: true,
  },
  { kind: 'case_closure', code: 'completed', sv: 'Genomfört enligt rutinen', en: 'Completed as the routine describes' },
  { kind: 'case_closure', code: 'withdrawn', sv: 'Återtaget', en: 'Withdrawn' },
  { kind: 'case_closure', code: 'referred_elsewhere', sv: 'Överlämnat till annan aktör', en: 'Referred elsewhere' },
  {
    kind: 'case_closure',
    code: 'moved_out',
    sv: 'Den enskilde har flyttat från kommunen',
    en: 'The person concerned moved out of the municipality',
  },
  {
    kind: 'case_closure',
    code: 'no_consent',
    sv: 'Samtycke saknas eller har återkallats',
    en: 'No consent, or consent withdrawn',
  },
  { kind: 'case_closure', code: 'duplicate', sv: 'Dubblett', en: 'Duplicate' },
  { kind: 'case_closure', code: 'opened_in_error', sv: 'Öppnat av misstag', en: 'Opened in error' },
  {
    kind: 'follow_up_outcome',
    code: 'reviewed_unchanged',
    sv: 'Uppföljd, gäller oförändrad',
    en: 'Reviewed, unchanged',
  },
  { kind: 'follow_up_outcome', code: 'reviewed', sv: 'Uppföljd', en: 'Reviewed' },
  { kind: 'follow_up_outcome', code: 'revised', sv: 'Uppföljd och reviderad', en: 'Reviewed and revised' },
  { kind: 'follow_up_outcome', code: 'partner_changed', sv: 'Samverkanspart har ändrats', en: 'Partner changed' },
  {
    kind: 'follow_up_outcome',
    code: 'discontinuation_proposed',
    sv: 'Föreslås upphöra',
    en: 'Discontinuation proposed',
  },
];

export class ReasonCodes1764600000000 implements MigrationInterface {
  name = 'ReasonCodes1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE reason_code (
        kind varchar(32) NOT NULL CHECK (kind IN ('step_skip','case_closure','follow_up_outcome')),
        code varchar(50) NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,49}$'),
        label_sv varchar(200) NOT NULL,
        label_en varchar(200) NOT NULL,
        system_only boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id),
        retired_at timestamptz,
        retired_by uuid REFERENCES app_user(id),
        PRIMARY KEY (kind, code),
        CHECK ((retired_at IS NULL) = (retired_by IS NULL)),
        CHECK (NOT (system_only AND retired_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `INSERT INTO reason_code (kind, code, label_sv, label_en, system_only)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::boolean[])`,
      [
        SEEDED_REASON_CODES.map((seed) => seed.kind),
        SEEDED_REASON_CODES.map((seed) => seed.code),
        SEEDED_REASON_CODES.map((seed) => seed.sv),
        SEEDED_REASON_CODES.map((seed) => seed.en),
        SEEDED_REASON_CODES.map((seed) => seed.systemOnly === true),
      ],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reason_code`);
  }
}
