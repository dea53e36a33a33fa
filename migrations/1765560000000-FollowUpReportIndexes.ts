import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The follow-up reports count each event in the period it happened in: a range scan on that instant, per source.
 * - steps finished (done or skipped) by completion time;
 * - steps active now by due time (the overdue count, and the operational overdue view);
 * - cases by closing time (opening time has its index since the cases' migration);
 * - escalations sent, by sending time.
 */
export class FollowUpReportIndexes1765560000000 implements MigrationInterface {
  name = 'FollowUpReportIndexes1765560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_step_finished_idx ON case_step (completed_at) WHERE status IN ('done', 'skipped')`,
    );
    await queryRunner.query(`CREATE INDEX case_step_active_by_due_idx ON case_step (due_at) WHERE status = 'active'`);
    await queryRunner.query(
      `CREATE INDEX collaboration_case_closed_idx ON collaboration_case (closed_at) WHERE closed_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX reminder_escalation_sent_idx ON reminder (sent_at) WHERE kind = 'escalation' AND status = 'sent'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP INDEX reminder_escalation_sent_idx, collaboration_case_closed_idx, case_step_active_by_due_idx, case_step_finished_idx`,
    );
  }
}
