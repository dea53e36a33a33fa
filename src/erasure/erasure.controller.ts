import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import {
  CreateErasureRequestDto,
  ErasureRequestDto,
  ErasureRequestPageDto,
  ErasureRequestQueryDto,
} from './dto/erasure-request.dto';
import { ErasureService } from './erasure.service';

@ApiTags('erasure-requests')
@Controller('erasure-requests')
export class ErasureController {
  constructor(private readonly erasure: ErasureService) {}

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Request the erasure of a stored value found to hold personal data' })
  request(@Ctx() ctx: RequestContext, @Body() dto: CreateErasureRequestDto): Promise<ErasureRequestDto> {
    return this.erasure.request(ctx, dto);
  }

  @Get()
  @Roles(Role.Admin, Role.Auditor)
  @UsersOnly()
  @ApiOkResponse({ type: ErasureRequestPageDto })
  @ApiOperation({ summary: 'List erasure requests' })
  list(@Ctx() ctx: RequestContext, @Query() query: ErasureRequestQueryDto): Promise<ErasureRequestPageDto> {
    return this.erasure.list(ctx, query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Auditor)
  @UsersOnly()
  @ApiOperation({ summary: 'Get one erasure request' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ErasureRequestDto> {
    return this.erasure.get(ctx, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles(Role.Auditor)
  @UsersOnly()
  @ApiOperation({ summary: 'Approve an erasure request (an auditor, not the requester); the value is redacted' })
  approve(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ErasureRequestDto> {
    return this.erasure.approve(ctx, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles(Role.Auditor)
  @UsersOnly()
  @ApiOperation({ summary: 'Reject an erasure request' })
  reject(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ErasureRequestDto> {
    return this.erasure.reject(ctx, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Withdraw an erasure request not yet decided' })
  withdraw(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ErasureRequestDto> {
    return this.erasure.withdraw(ctx, id);
  }
}
