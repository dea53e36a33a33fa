import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AnyRole, Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import { RoutineDefinitionDto, UpdateRoutineDto } from './dto/routine-definition.dto';
import { PeriodRelinkDto, PeriodRelinkQueryDto } from './dto/period-relink.dto';
import { DiagramQueryDto, DIAGRAM_MEDIA_TYPES } from './dto/routine-diagram.dto';
import { RoutineDocumentDto } from './dto/routine-document.dto';
import {
  ExportQueryDto,
  RoutineDto,
  RoutinePageDto,
  RoutineQueryDto,
  RoutineVersionDto,
  RoutineVersionPageDto,
} from './dto/routine.dto';
import type { RoutineDocument } from './routine-document';
import { ParseVersionPipe } from './parse-version.pipe';
import { RoutineQueriesService } from './routine-queries.service';
import { RoutinesService } from './routines.service';

@ApiTags('routines')
@Controller('routines')
export class RoutinesController {
  constructor(
    private readonly routines: RoutinesService,
    private readonly queries: RoutineQueriesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a routine with its first draft, owned by your organisation' })
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({
    type: RoutineDto,
    description: 'A new routine with its first draft, owned by your organisation',
  })
  create(@Ctx() ctx: RequestContext, @Body() dto: RoutineDefinitionDto): Promise<RoutineDto> {
    return this.routines.create(ctx, dto);
  }

  @Post('import')
  @ApiOperation({ summary: 'Import an exchange document (v1 or v2) as a new draft routine' })
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({
    type: RoutineDto,
    description: 'A new draft routine in your organisation from an exchange document',
  })
  import(@Ctx() ctx: RequestContext, @Body() document: RoutineDocumentDto): Promise<RoutineDto> {
    return this.routines.importDocument(ctx, document);
  }

  @Get()
  @ApiOperation({ summary: "List published routines and your organisation's own unpublished ones" })
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOkResponse({ type: RoutinePageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: RoutineQueryDto) {
    return this.queries.list(ctx.user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a routine with its draft and latest published version' })
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOkResponse({ type: RoutineDto })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RoutineDto> {
    return this.queries.get(ctx.user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit the draft of a routine (a new draft from the latest version when none is open)' })
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiOkResponse({
    type: RoutineDto,
    description: 'The edited draft (a new draft based on the latest version when none was open)',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRoutineDto,
  ): Promise<RoutineDto> {
    return this.routines.update(ctx, id, dto);
  }

  @Post(':id/publish')
  @ApiOperation({ summary: 'Publish the draft as the next immutable version' })
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({ type: RoutineDto, description: 'The draft frozen as the next version' })
  publish(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RoutineDto> {
    return this.routines.publish(ctx, id);
  }

  @Post(':id/retire')
  @ApiOperation({ summary: 'Retire a routine: no new cases or adoptions' })
  @HttpCode(200)
  @Roles(Role.Coordinator, Role.Admin)
  @UsersOnly()
  @ApiOkResponse({ type: RoutineDto })
  retire(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RoutineDto> {
    return this.routines.retire(ctx, id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'List the published versions of a routine' })
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOkResponse({ type: RoutineVersionPageDto })
  versions(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.queries.versions(ctx.user, id, query);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'Get one published version of a routine' })
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOkResponse({ type: RoutineVersionDto })
  version(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
  ): Promise<RoutineVersionDto> {
    return this.queries.version(ctx.user, id, version);
  }

  @Get(':id/versions/:version/diagram')
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOperation({ summary: 'A published version as a BPMN 2.0 (with diagram interchange) or Mermaid diagram' })
  @ApiProduces(DIAGRAM_MEDIA_TYPES.bpmn, DIAGRAM_MEDIA_TYPES.mermaid)
  @ApiOkResponse({ type: String, description: 'BPMN 2.0 XML (format=bpmn) or a Mermaid flowchart (format=mermaid)' })
  async versionDiagram(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseVersionPipe) version: number,
    @Query() query: DiagramQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const diagram = await this.queries.diagram(ctx.user, id, version, query.format);
    void reply.header('content-type', DIAGRAM_MEDIA_TYPES[query.format]);
    return diagram;
  }

  @Get(':id/draft/diagram')
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOperation({ summary: "The routine's draft as a BPMN 2.0 or Mermaid diagram (its own organisation only)" })
  @ApiProduces(DIAGRAM_MEDIA_TYPES.bpmn, DIAGRAM_MEDIA_TYPES.mermaid)
  @ApiOkResponse({ type: String, description: 'BPMN 2.0 XML (format=bpmn) or a Mermaid flowchart (format=mermaid)' })
  async draftDiagram(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DiagramQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const diagram = await this.queries.diagram(ctx.user, id, null, query.format);
    void reply.header('content-type', DIAGRAM_MEDIA_TYPES[query.format]);
    return diagram;
  }

  @Get(':id/period-relink')
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOperation({ summary: "Suggest the goals and measures of the period that follows the routine's own" })
  @ApiOkResponse({ type: PeriodRelinkDto })
  periodRelink(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PeriodRelinkQueryDto,
  ): Promise<PeriodRelinkDto> {
    return this.queries.periodRelink(ctx.user, id, query.period);
  }

  @Get(':id/export')
  @ApiOperation({ summary: 'Export a routine version (or a never-published draft) as a samverkan.routine/v2 document' })
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOkResponse({ type: RoutineDocumentDto, description: 'The routine as a samverkan.routine/v1 exchange document' })
  export(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ExportQueryDto,
  ): Promise<RoutineDocument> {
    return this.queries.exportDocument(ctx.user, id, query.version);
  }
}
