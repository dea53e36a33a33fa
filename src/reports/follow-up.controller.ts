import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { FollowUpQueryDto, FollowUpReportDto } from './dto/follow-up.dto';
import { OverdueReportDto } from './dto/overdue.dto';
import { StrategyFollowUpQueryDto, StrategyFollowUpReportDto } from './dto/strategy-follow-up.dto';
import { followUpCsv } from './follow-up-csv';
import { FollowUpService } from './follow-up.service';
import { OverdueService } from './overdue.service';
import { strategyFollowUpCsv } from './strategy-follow-up-csv';
import { StrategyFollowUpService } from './strategy-follow-up.service';

/** CSV when the client asks for text/csv and not for JSON. */
export const wantsCsv = (accept: string | undefined) =>
  accept !== undefined && /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);

const sendCsv = (reply: FastifyReply, filename: string, csv: string) => {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}.csv"`);
  return csv;
};

const BAD_QUERY = 'A parameter is malformed or unknown (problem+json naming the field)';
const BAD_PERIOD = 'The period ends before it begins (problem+json, code report.period_invalid)';

@ApiTags('reports')
@Controller('reports')
export class FollowUpController {
  constructor(
    private readonly followUp: FollowUpService,
    private readonly strategyFollowUp: StrategyFollowUpService,
    private readonly overdue: OverdueService,
  ) {}

  @Get('follow-up')
  @Roles(Role.Manager, Role.Coordinator, Role.Auditor, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: 'Follow-up of cases and steps per goal, measure, routine, step, organisation and period',
    description:
      'Counts per group and in total; counts from 1 to minCount − 1 are suppressed, with complementary suppression. ' +
      'Admins and auditors see every case, managers and coordinators the cases their organisation takes part in. ' +
      'CSV with `Accept: text/csv` (semicolons, decimal commas, UTF-8 with BOM, `..` for suppressed cells). Definitions: docs/reports.md.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FollowUpReportDto })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiUnprocessableEntityResponse({ description: BAD_PERIOD })
  async followUpReport(
    @Ctx() ctx: RequestContext,
    @Query() query: FollowUpQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FollowUpReportDto | string> {
    const report = await this.followUp.report(ctx, query);
    return wantsCsv(accept) ? sendCsv(reply, `follow-up-${report.from}-${report.to}`, followUpCsv(report)) : report;
  }

  @Get('strategy-follow-up')
  @Roles(Role.Manager, Role.Coordinator, Role.Auditor, Role.Admin)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary:
      "The county's yearly follow-up of the strategy: one row per goal, with its measures and the agreement indicator",
    description:
      'Case and step figures as the follow-up report grouped by goal for the year (same scope, same suppression); ' +
      'adoption and municipality figures for the county (countyCode, default 01). CSV with `Accept: text/csv`.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: StrategyFollowUpReportDto })
  @ApiBadRequestResponse({ description: BAD_QUERY })
  @ApiNotFoundResponse({
    description: 'No strategy period covers the year (problem+json, code strategy_period.not_found)',
  })
  async strategyFollowUpReport(
    @Ctx() ctx: RequestContext,
    @Query() query: StrategyFollowUpQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StrategyFollowUpReportDto | string> {
    const report = await this.strategyFollowUp.report(ctx, query);
    return wantsCsv(accept)
      ? sendCsv(reply, `strategy-follow-up-${report.year}-${report.countyCode}`, strategyFollowUpCsv(report))
      : report;
  }

  @Get('overdue')
  @Roles(Role.Manager, Role.Coordinator)
  @Scopes(Scope.ReportsRead)
  @ApiOperation({
    summary: "Your organisation's cases' overdue steps now, per owner organisation, routine and step",
    description: 'With how long overdue (median and longest, hours). Your own cases, so nothing is suppressed.',
  })
  @ApiOkResponse({ type: OverdueReportDto })
  overdueReport(@Ctx() ctx: RequestContext): Promise<OverdueReportDto> {
    return this.overdue.report(ctx);
  }
}
