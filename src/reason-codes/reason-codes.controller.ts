import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import {
  CreateReasonCodeDto,
  ReasonCodeDto,
  ReasonCodeKeyDto,
  ReasonCodePageDto,
  ReasonCodeQueryDto,
} from './dto/reason-code.dto';
import { ReasonCodesService } from './reason-codes.service';

@ApiTags('reason-codes')
@Controller('reason-codes')
export class ReasonCodesController {
  constructor(private readonly reasonCodes: ReasonCodesService) {}

  @Get()
  @AnyRole()
  @Scopes(Scope.CasesRead, Scope.CasesWrite, Scope.RoutinesRead)
  @ApiOkResponse({ type: ReasonCodePageDto })
  @ApiOperation({ summary: 'List reason codes (skipped steps, case closures, follow-up outcomes)' })
  list(@Query() query: ReasonCodeQueryDto) {
    return this.reasonCodes.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiCreatedResponse({ type: ReasonCodeDto })
  @ApiOperation({ summary: 'Add a reason code to the catalogue' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateReasonCodeDto): Promise<ReasonCodeDto> {
    return this.reasonCodes.create(ctx, dto);
  }

  @Post(':kind/:code/retire')
  @HttpCode(200)
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOkResponse({ type: ReasonCodeDto })
  @ApiOperation({ summary: 'Retire a reason code (kept for past records, no longer offered)' })
  retire(@Ctx() ctx: RequestContext, @Param() key: ReasonCodeKeyDto): Promise<ReasonCodeDto> {
    return this.reasonCodes.retire(ctx, key);
  }
}
