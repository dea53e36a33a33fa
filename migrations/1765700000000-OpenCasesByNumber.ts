import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My open cases", newest number first: the list walks the open cases in number order and keeps those the
 * organisation takes part in (case_participant's primary key), so a page costs the same at a million cases as at
 * ten thousand. Without it the planner sorts every open case, or on a small table reads all of it.
 */
export class OpenCasesByNumber1765700000000 implements MigrationInterface {
  name = 'OpenCasesByNumber1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX collaboration_case_open_number_idx ON collaboration_case (case_number DESC) WHERE status = 'open'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX collaboration_case_open_number_idx`);
  }
}
