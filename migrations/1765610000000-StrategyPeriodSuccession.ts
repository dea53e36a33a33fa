import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Strategy periods follow each other: a period names the one before it, and maps that one's measures onto its own
 * (`2.4` → `3.1`), which is what routines are offered as their re-link. Dates are stored as days and compared as days.
 */
export class StrategyPeriodSuccession1765610000000 implements MigrationInterface {
  name = 'StrategyPeriodSuccession1765610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE strategy_period
        ADD COLUMN previous_period_code varchar(40) REFERENCES strategy_period(code),
        ADD CHECK (valid_from <= valid_to)`);
    await queryRunner.query(`
      CREATE TABLE strategy_measure_mapping (
        period_code varchar(40) NOT NULL REFERENCES strategy_period(code),
        previous_measure_code varchar(10) NOT NULL,
        measure_code varchar(10) NOT NULL,
        PRIMARY KEY (period_code, previous_measure_code, measure_code),
        FOREIGN KEY (period_code, measure_code) REFERENCES strategy_measure(period_code, code)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE strategy_measure_mapping`);
    await queryRunner.query(`ALTER TABLE strategy_period DROP COLUMN previous_period_code`);
  }
}
