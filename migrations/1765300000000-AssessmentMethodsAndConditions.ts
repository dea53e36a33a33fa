import { MigrationInterface, QueryRunner } from 'typeorm';
import { SEEDED_ASSESSMENT_METHODS } from '../src/assessment-methods/assessment-method-catalogue';

/** The reason the system gives a step whose condition on earlier results does not hold. */
export const CONDITION_NOT_MET_SEED = {
  kind: 'step_skip',
  code: 'condition_not_met',
  sv: 'Villkoret för steget var inte uppfyllt',
  en: "The step's condition on earlier results did not hold",
} as const;

/**
 * Standardised assessment methods as reference data (seeded with FREDA, SARA:SV, B-SAFER, PATRIARK, SAM and
 * SVR-20); case steps keep the conditions and assessment methods of their routine step, and a completed step the
 * method and level recorded (only those two: never answers or scores); the system-only skip reason
 * `condition_not_met`.
 */
export class AssessmentMethodsAndConditions1765300000000 implements MigrationInterface {
  name = 'AssessmentMethodsAndConditions1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assessment_method (
        code varchar(50) PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,49}$'),
        name_sv varchar(200) NOT NULL,
        name_en varchar(200) NOT NULL,
        assesses varchar(20) NOT NULL CHECK (assesses IN ('victim', 'perpetrator')),
        period_code varchar(40) NOT NULL REFERENCES strategy_period(code),
        measures text[] NOT NULL,
        levels jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array' AND jsonb_array_length(levels) >= 2),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id)
      )`);
    for (const method of SEEDED_ASSESSMENT_METHODS) {
      await queryRunner.query(
        `INSERT INTO assessment_method (code, name_sv, name_en, assesses, period_code, measures, levels)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)`,
        [
          method.code,
          method.name.sv,
          method.name.en,
          method.assesses,
          method.period,
          method.measures,
          JSON.stringify(method.levels),
        ],
      );
    }
    await queryRunner.query(`
      ALTER TABLE case_step
        ADD COLUMN conditions jsonb NOT NULL DEFAULT '[]'::jsonb,
        ADD COLUMN assessment_methods text[] NOT NULL DEFAULT '{}',
        ADD COLUMN assessment_method varchar(50) REFERENCES assessment_method(code),
        ADD COLUMN assessment_level varchar(50),
        ADD CHECK ((assessment_method IS NULL) = (assessment_level IS NULL))`);
    await queryRunner.query(
      `INSERT INTO reason_code (kind, code, label_sv, label_en, system_only) VALUES ($1, $2, $3, $4, true)`,
      [CONDITION_NOT_MET_SEED.kind, CONDITION_NOT_MET_SEED.code, CONDITION_NOT_MET_SEED.sv, CONDITION_NOT_MET_SEED.en],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM reason_code WHERE kind = $1 AND code = $2`, [
      CONDITION_NOT_MET_SEED.kind,
      CONDITION_NOT_MET_SEED.code,
    ]);
    await queryRunner.query(
      `ALTER TABLE case_step DROP COLUMN conditions, DROP COLUMN assessment_methods, DROP COLUMN assessment_method, DROP COLUMN assessment_level`,
    );
    await queryRunner.query(`DROP TABLE assessment_method`);
  }
}
