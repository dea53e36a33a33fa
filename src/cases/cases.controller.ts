import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import { ParseStepKeyPipe } from '../common/validation/codes';
import { CaseQueriesService } from './case-queries.service';
import { CaseRef, ParseCaseRefPipe } from './case-ref';
import { CaseStepsService } from './case-steps.service';
import { CasesService } from './cases.service';
import { CaseDto, CaseLookupDto, CasePageDto, CaseTimelinePageDto } from './dto/case.dto';
import { CaseLookupQueryDto, CaseQueryDto } from './dto/case-query.dto';
import { CreateCaseDto } from './dto/create-case.dto';
import { CloseCaseDto, CompleteStepDto, SkipStepDto } from './dto/step-action.dto';

/** `:id` is the case's id or its number; either way only participants see the case. */
const CASE_PARAM = {
  name: 'id',
  description: 'The case id (uuid) or case number (SAM-2026-000123)',
  example: 'SAM-2026-000123',
};

/** Who acts on cases; managers of participating organisations only read; auditors read through the audit API. */
const ACTORS = [Role.Caseworker, Role.Coordinator];
const READERS = [...ACTORS, Role.Manager];

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly steps: CaseStepsService,
    private readonly queries: CaseQueriesService,
  ) {}

  @Post()
  @Roles(...ACTORS)
  @Scopes(Scope.CasesWrite)
  @ApiCreatedResponse({ type: CaseDto })
  @ApiOperation({ summary: 'Open a collaboration case from a published routine' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(ctx, dto);
  }

  @Get()
  @Roles(...READERS)
  @Scopes(Scope.CasesRead)
  @ApiOkResponse({ type: CasePageDto })
  @ApiOperation({ summary: "List the cases the caller's organisation takes part in" })
  list(@Ctx() ctx: RequestContext, @Query() query: CaseQueryDto) {
    return this.queries.list(ctx, query);
  }

  @Get('lookup')
  @Roles(...ACTORS)
  @Scopes(Scope.CasesRead)
  @ApiOkResponse({ type: CaseLookupDto })
  @ApiOperation({ summary: "Find a case by the caller organisation's own case reference" })
  lookup(@Ctx() ctx: RequestContext, @Query() query: CaseLookupQueryDto): Promise<CaseLookupDto> {
    return this.queries.lookup(ctx, query.reference);
  }

  @Get(':id')
  @ApiParam(CASE_PARAM)
  @Roles(...READERS)
  @Scopes(Scope.CasesRead)
  @ApiOkResponse({ type: CaseDto })
  @ApiOperation({ summary: 'Get a case with its steps, by id or case number' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseCaseRefPipe) ref: CaseRef): Promise<CaseDto> {
    return this.queries.get(ctx, ref);
  }

  @Get(':id/timeline')
  @ApiParam(CASE_PARAM)
  @Roles(...READERS)
  @Scopes(Scope.CasesRead)
  @ApiOkResponse({ type: CaseTimelinePageDto })
  @ApiOperation({ summary: "List a case's events (steps activated, completed, skipped, closed), oldest first" })
  timeline(@Ctx() ctx: RequestContext, @Param('id', ParseCaseRefPipe) ref: CaseRef, @Query() query: PageQueryDto) {
    return this.queries.timeline(ctx, ref, query);
  }

  @Post(':id/steps/:key/complete')
  @ApiParam(CASE_PARAM)
  @HttpCode(200)
  @Roles(...ACTORS)
  @Scopes(Scope.CasesWrite)
  @ApiOkResponse({ type: CaseDto })
  @ApiOperation({ summary: 'Complete an active step of a case with an outcome code' })
  complete(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseCaseRefPipe) ref: CaseRef,
    @Param('key', ParseStepKeyPipe) key: string,
    @Body() dto: CompleteStepDto,
  ): Promise<CaseDto> {
    return this.steps.complete(ctx, ref, key, dto);
  }

  @Post(':id/steps/:key/skip')
  @ApiParam(CASE_PARAM)
  @HttpCode(200)
  @Roles(...ACTORS)
  @Scopes(Scope.CasesWrite)
  @ApiOkResponse({ type: CaseDto })
  @ApiOperation({ summary: 'Skip a step of a case with a reason code' })
  skip(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseCaseRefPipe) ref: CaseRef,
    @Param('key', ParseStepKeyPipe) key: string,
    @Body() dto: SkipStepDto,
  ): Promise<CaseDto> {
    return this.steps.skip(ctx, ref, key, dto);
  }

  @Post(':id/close')
  @ApiParam(CASE_PARAM)
  @HttpCode(200)
  @Roles(...ACTORS)
  @Scopes(Scope.CasesWrite)
  @ApiOkResponse({ type: CaseDto })
  @ApiOperation({ summary: 'Close a case with a reason code' })
  close(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseCaseRefPipe) ref: CaseRef,
    @Body() dto: CloseCaseDto,
  ): Promise<CaseDto> {
    return this.cases.close(ctx, ref, dto);
  }
}
