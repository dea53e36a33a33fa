import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import { ParseStepKeyPipe } from '../common/validation/codes';
import { CaseQueriesService } from './case-queries.service';
import { CaseStepsService } from './case-steps.service';
import { CasesService } from './cases.service';
import { CaseDto, CaseLookupDto, CasePageDto, CaseTimelinePageDto } from './dto/case.dto';
import { CaseLookupQueryDto, CaseQueryDto } from './dto/case-query.dto';
import { CreateCaseDto } from './dto/create-case.dto';
import { CloseCaseDto, CompleteStepDto, SkipStepDto } from './dto/step-action.dto';

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
  @ApiCreatedResponse({ type: CaseDto })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateCaseDto): Promise<CaseDto> {
    return this.cases.create(ctx, dto);
  }

  @Get()
  @Roles(...READERS)
  @ApiOkResponse({ type: CasePageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: CaseQueryDto) {
    return this.queries.list(ctx, query);
  }

  @Get('lookup')
  @Roles(...ACTORS)
  @ApiOkResponse({ type: CaseLookupDto })
  lookup(@Ctx() ctx: RequestContext, @Query() query: CaseLookupQueryDto): Promise<CaseLookupDto> {
    return this.queries.lookup(ctx, query.reference);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOkResponse({ type: CaseDto })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<CaseDto> {
    return this.queries.get(ctx, id);
  }

  @Get(':id/timeline')
  @Roles(...READERS)
  @ApiOkResponse({ type: CaseTimelinePageDto })
  timeline(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.queries.timeline(ctx, id, query);
  }

  @Post(':id/steps/:key/complete')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiOkResponse({ type: CaseDto })
  complete(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('key', ParseStepKeyPipe) key: string, @Body() dto: CompleteStepDto): Promise<CaseDto> {
    return this.steps.complete(ctx, id, key, dto);
  }

  @Post(':id/steps/:key/skip')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiOkResponse({ type: CaseDto })
  skip(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Param('key', ParseStepKeyPipe) key: string, @Body() dto: SkipStepDto): Promise<CaseDto> {
    return this.steps.skip(ctx, id, key, dto);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles(...ACTORS)
  @ApiOkResponse({ type: CaseDto })
  close(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CloseCaseDto): Promise<CaseDto> {
    return this.cases.close(ctx, id, dto);
  }
}
