import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import {
  CreateOrganizationDto,
  OrganizationDto,
  OrganizationPageDto,
  OrganizationQueryDto,
  UpdateOrganizationDto,
} from './dto/organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Register an organisation (authority) taking part in the collaboration' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(ctx, dto);
  }

  @Get()
  @AnyRole()
  @Scopes(Scope.OrganizationsRead)
  @ApiOkResponse({ type: OrganizationPageDto })
  @ApiOperation({ summary: 'List organisations, filtered by type or municipality' })
  list(@Query() query: OrganizationQueryDto) {
    return this.organizations.list(query);
  }

  @Get(':id')
  @AnyRole()
  @Scopes(Scope.OrganizationsRead)
  @ApiOperation({ summary: 'Get one organisation' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: "Change an organisation's name, type, municipality, parent or password sign-in" })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(ctx, id, dto);
  }
}
