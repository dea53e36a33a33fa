import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import {
  CreateIdentityProviderDto,
  IdentityProviderDto,
  IdentityProviderPageDto,
  UpdateIdentityProviderDto,
} from './dto/identity-provider.dto';
import { IdentityProvidersService } from './identity-providers.service';

@ApiTags('identity-providers')
@Controller('identity-providers')
export class IdentityProvidersController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: "Connect an organisation's OpenID Connect provider; answers the redirectUri to register" })
  @ApiCreatedResponse({ type: IdentityProviderDto })
  @ApiUnprocessableEntityResponse({ description: 'Discovery failed, an http issuer, or an unknown organisation' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateIdentityProviderDto): Promise<IdentityProviderDto> {
    return this.providers.create(ctx, dto);
  }

  @Get()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'List identity providers (never their client secrets)' })
  @ApiOkResponse({ type: IdentityProviderPageDto })
  list(@Query() query: PageQueryDto) {
    return this.providers.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'One identity provider (never its client secret)' })
  @ApiOkResponse({ type: IdentityProviderDto })
  @ApiNotFoundResponse({ description: 'No such identity provider' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<IdentityProviderDto> {
    return this.providers.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Change an identity provider (a new client secret is stored encrypted)' })
  @ApiOkResponse({ type: IdentityProviderDto })
  @ApiNotFoundResponse({ description: 'No such identity provider' })
  @ApiUnprocessableEntityResponse({ description: 'Discovery failed, an http issuer, or an unknown organisation' })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateIdentityProviderDto,
  ): Promise<IdentityProviderDto> {
    return this.providers.update(ctx, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Disable an identity provider: no more sign-ins through it' })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiNotFoundResponse({ description: 'No such identity provider' })
  disable(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.providers.disable(ctx, id);
  }
}
