import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../common/auth/request-context';
import type { OverdueReportDto } from './dto/overdue.dto';
import { FollowUpRepository } from './follow-up.repository';
import { OverdueRepository } from './overdue.repository';

/**
 * The operational view: the overdue steps now in the cases the caller's organisation takes part in, per owner,
 * routine and step. Its own cases, so nothing is suppressed; no free text beyond titles and names.
 */
@Injectable()
export class OverdueService {
  constructor(
    private readonly overdue: OverdueRepository,
    private readonly labels: FollowUpRepository,
    private readonly audit: AuditService,
  ) {}

  async report(ctx: RequestContext): Promise<OverdueReportDto> {
    const now = new Date();
    const groups = await this.overdue.overdueGroups(ctx.user.organizationId, now);
    const routineIds = [...new Set(groups.map((group) => group.routineId))];
    const [routines, steps, organizations] = await Promise.all([
      this.labels.routineTitles(routineIds),
      this.labels.stepTitles(routineIds),
      this.labels.organizationNames([...new Set(groups.map((group) => group.organizationId))]),
    ]);
    await this.audit.record(ctx, {
      action: 'report.overdue_read',
      entity: { type: 'report', id: 'overdue' },
      data: { asOf: now.toISOString(), groups: groups.length },
    });
    return {
      asOf: now.toISOString(),
      rows: groups.map((group) => ({
        organization: { id: group.organizationId, name: organizations.get(group.organizationId) ?? '' },
        routine: { id: group.routineId, title: routines.get(group.routineId) ?? '' },
        step: {
          routineId: group.routineId,
          key: group.stepKey,
          title: steps.get(`${group.routineId}/${group.stepKey}`) ?? '',
        },
        overdueSteps: group.overdueSteps,
        overdueHours: { p50: group.p50, max: group.max },
      })),
    };
  }
}
