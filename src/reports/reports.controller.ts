import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Role } from '../common/auth/role';
import { collaborationAgreementsCsv } from './collaboration-agreements-csv';
import { CollaborationAgreementsService } from './collaboration-agreements.service';
import { CollaborationAgreementQueryDto, CollaborationAgreementReportDto } from './dto/collaboration-agreements.dto';

/** CSV when the client asks for text/csv and not for JSON. */
const wantsCsv = (accept: string | undefined) =>
  accept !== undefined && /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly collaborationAgreements: CollaborationAgreementsService) {}

  @Get('collaboration-agreements')
  @Roles(Role.Manager, Role.Auditor, Role.Coordinator, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: CollaborationAgreementReportDto,
    description:
      'Per municipality and partner type: is there a current, management-approved agreement followed up within 24 months; and the county share',
  })
  @ApiOperation({
    summary: 'Report per municipality on current, approved and followed-up collaboration agreements (JSON or CSV)',
  })
  async collaborationAgreementsReport(
    @Query() query: CollaborationAgreementQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CollaborationAgreementReportDto | string> {
    const report = await this.collaborationAgreements.report(query);
    if (!wantsCsv(accept)) {
      return report;
    }
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="collaboration-agreements-${report.asOf}.csv"`);
    return collaborationAgreementsCsv(report);
  }
}
