import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import { AdoptionQueriesService } from './adoption-queries.service';
import { AdoptionsService } from './adoptions.service';
import {
  AdoptionDto,
  AdoptionPageDto,
  AdoptionQueryDto,
  CreateAdoptionDto,
  UpdateAdoptionDto,
} from './dto/adoption.dto';
import { CreateFollowUpDto, FollowUpDto, FollowUpPageDto } from './dto/follow-up.dto';

const READERS = [Role.Coordinator, Role.Manager, Role.Auditor, Role.Admin];

@ApiTags('adoptions')
@Controller('adoptions')
export class AdoptionsController {
  constructor(
    private readonly adoptions: AdoptionsService,
    private readonly queries: AdoptionQueriesService,
  ) {}

  @Post()
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({ type: AdoptionDto })
  @ApiOperation({ summary: "Record an organisation's adoption of a routine version, with its approval" })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateAdoptionDto): Promise<AdoptionDto> {
    return this.adoptions.create(ctx, dto);
  }

  @Get()
  @Roles(...READERS)
  @Scopes(Scope.AdoptionsRead)
  @ApiOkResponse({
    type: AdoptionPageDto,
    description: "Your organisation's adoptions and those it is partner in; the county board's and admins' see all",
  })
  @ApiOperation({
    summary: 'List routine adoptions by goal, routine, organisation, municipality, status or overdue follow-up',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: AdoptionQueryDto) {
    return this.queries.list(ctx.user, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @Scopes(Scope.AdoptionsRead)
  @ApiOkResponse({ type: AdoptionDto })
  @ApiOperation({ summary: 'Get one routine adoption' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<AdoptionDto> {
    return this.queries.get(ctx.user, id);
  }

  @Patch(':id')
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiOkResponse({ type: AdoptionDto })
  @ApiOperation({ summary: "Advance an adoption's status or change its approval, partners or review interval" })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAdoptionDto,
  ): Promise<AdoptionDto> {
    return this.adoptions.update(ctx, id, dto);
  }

  @Post(':id/follow-ups')
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({ type: FollowUpDto })
  @ApiOperation({ summary: 'Record a follow-up of an adopted routine' })
  recordFollowUp(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateFollowUpDto,
  ): Promise<FollowUpDto> {
    return this.adoptions.recordFollowUp(ctx, id, dto);
  }

  @Get(':id/follow-ups')
  @Roles(...READERS)
  @Scopes(Scope.AdoptionsRead)
  @ApiOkResponse({ type: FollowUpPageDto })
  @ApiOperation({ summary: "List an adoption's follow-ups, newest first" })
  followUps(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.queries.followUps(ctx.user, id, query);
  }
}
