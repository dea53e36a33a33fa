import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
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
import { ApiClientsService } from './api-clients.service';
import { ApiClientDto, ApiClientPageDto, ApiClientWithSecretDto, CreateApiClientDto } from './dto/api-client.dto';

@ApiTags('api-clients')
@Controller('api-clients')
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Register an API client for an organisation, with scopes; the secret is shown once' })
  @ApiCreatedResponse({ type: ApiClientWithSecretDto })
  @ApiUnprocessableEntityResponse({ description: 'Invalid fields or an unknown organisation' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateApiClientDto): Promise<ApiClientWithSecretDto> {
    return this.clients.create(ctx, dto);
  }

  @Get()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'List API clients (never their secrets)' })
  @ApiOkResponse({ type: ApiClientPageDto })
  list(@Query() query: PageQueryDto) {
    return this.clients.list(query);
  }

  @Get(':id')
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'One API client (never its secret)' })
  @ApiOkResponse({ type: ApiClientDto })
  @ApiNotFoundResponse({ description: 'No such client' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<ApiClientDto> {
    return this.clients.get(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Disable an API client: its tokens stop working at once' })
  @ApiOkResponse({ type: ApiClientDto })
  @ApiNotFoundResponse({ description: 'No such client' })
  disable(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ApiClientDto> {
    return this.clients.disable(ctx, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles(Role.Admin)
  @UsersOnly()
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'A new secret, shown once; the old one and its tokens stop working at once' })
  @ApiOkResponse({ type: ApiClientWithSecretDto })
  @ApiNotFoundResponse({ description: 'No such client' })
  @ApiUnprocessableEntityResponse({ description: 'The client is disabled' })
  rotateSecret(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ApiClientWithSecretDto> {
    return this.clients.rotateSecret(ctx, id);
  }
}
