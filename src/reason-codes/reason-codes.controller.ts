import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../common/auth/access.decorators';
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
  @ApiOkResponse({ type: ReasonCodePageDto })
  list(@Query() query: ReasonCodeQueryDto) {
    return this.reasonCodes.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @ApiCreatedResponse({ type: ReasonCodeDto })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateReasonCodeDto): Promise<ReasonCodeDto> {
    return this.reasonCodes.create(ctx, dto);
  }

  @Post(':kind/:code/retire')
  @HttpCode(200)
  @Roles(Role.Admin)
  @ApiOkResponse({ type: ReasonCodeDto })
  retire(@Ctx() ctx: RequestContext, @Param() key: ReasonCodeKeyDto): Promise<ReasonCodeDto> {
    return this.reasonCodes.retire(ctx, key);
  }
}
