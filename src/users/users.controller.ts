import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { CreateUserDto, UpdateUserDto, UserDto, UserPageDto, UserQueryDto } from './dto/user.dto';
import { PasswordResetIssuedDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly resets: PasswordResetService,
  ) {}

  @Post()
  @Roles(Role.Admin, Role.Coordinator)
  @UsersOnly()
  @ApiOperation({ summary: 'Create a staff account in an organisation' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(ctx, dto);
  }

  @Get()
  @Roles(Role.Admin, Role.Coordinator, Role.Manager)
  @UsersOnly()
  @ApiOkResponse({ type: UserPageDto })
  @ApiOperation({ summary: 'List staff accounts, optionally of one organisation' })
  list(@Ctx() ctx: RequestContext, @Query() query: UserQueryDto) {
    return this.users.list(ctx.user, query);
  }

  @Get(':id')
  @Roles(Role.Admin, Role.Coordinator, Role.Manager)
  @UsersOnly()
  @ApiOperation({ summary: 'Get one staff account' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserDto> {
    return this.users.get(ctx.user, id);
  }

  @Patch(':id')
  @Roles(Role.Admin, Role.Coordinator)
  @UsersOnly()
  @ApiOperation({ summary: "Change a staff account's display name, roles or active state" })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserDto> {
    return this.users.update(ctx, id, dto);
  }

  @Post(':id/password-resets')
  @Roles(Role.Admin, Role.Coordinator)
  @UsersOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({
    summary: "Issue a one-time password reset token for another user's account (shown once; the user redeems it)",
  })
  @ApiCreatedResponse({ type: PasswordResetIssuedDto })
  issuePasswordReset(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PasswordResetIssuedDto> {
    return this.resets.issue(ctx, id);
  }
}
