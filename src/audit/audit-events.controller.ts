import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { AuditService } from './audit.service';
import { AuditEventsService } from './audit-events.service';
import { EXPORT_CONTENT_TYPES } from './audit-export';
import {
  AuditEventPageDto,
  AuditEventQueryDto,
  AuditExportQueryDto,
  ChainVerificationDto,
} from './dto/audit-event.dto';

@ApiTags('audit-events')
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    private readonly events: AuditEventsService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Roles(Role.Auditor, Role.Admin)
  @Scopes(Scope.AuditRead)
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiOperation({ summary: 'List audit events matching the filters' })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditEventQueryDto): Promise<AuditEventPageDto> {
    return this.events.list(ctx, query);
  }

  @Get('verify')
  @Roles(Role.Auditor, Role.Admin)
  @Scopes(Scope.AuditRead)
  @ApiOkResponse({ type: ChainVerificationDto })
  @ApiOperation({ summary: 'Verify the audit hash chain from the first event to the head' })
  verify(): Promise<ChainVerificationDto> {
    return this.audit.verify();
  }

  @Get('export')
  @Roles(Role.Auditor, Role.Admin)
  @Scopes(Scope.AuditRead)
  @ApiProduces(...Object.values(EXPORT_CONTENT_TYPES))
  @ApiOkResponse({
    description: 'The matching events, one record per line, with the content as hashed and its hashes',
    schema: { type: 'string' },
  })
  @ApiOperation({ summary: 'Export matching audit events with their hashes, one record per line' })
  async export(@Ctx() ctx: RequestContext, @Query() query: AuditExportQueryDto): Promise<StreamableFile> {
    const { format, stream } = await this.events.export(ctx, query);
    return new StreamableFile(stream, {
      type: EXPORT_CONTENT_TYPES[format],
      disposition: `attachment; filename="audit-events.${format}"`,
    });
  }
}
