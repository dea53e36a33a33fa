import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganizationDto): Promise<OrganizationDto> {
    return this.organizations.create(ctx, dto);
  }

  @Get()
  @AnyRole()
  @Scopes(Scope.OrganizationsRead)
  @ApiOkResponse({ type: OrganizationPageDto })
  list(@Query() query: OrganizationQueryDto) {
    return this.organizations.list(query);
  }

  @Get(':id')
  @AnyRole()
  @Scopes(Scope.OrganizationsRead)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrganizationDto> {
    return this.organizations.get(id);
  }

  @Patch(':id')
  @Roles(Role.Admin)
  @UsersOnly()
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganizationDto,
  ): Promise<OrganizationDto> {
    return this.organizations.update(ctx, id, dto);
  }
}
