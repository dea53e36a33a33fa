import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import { AssessmentMethodsService } from './assessment-methods.service';
import { AssessmentMethodDto, AssessmentMethodPageDto, CreateAssessmentMethodDto } from './dto/assessment-method.dto';

@ApiTags('assessment-methods')
@Controller('assessment-methods')
export class AssessmentMethodsController {
  constructor(private readonly methods: AssessmentMethodsService) {}

  @Get()
  @AnyRole()
  @Scopes(Scope.RoutinesRead, Scope.CasesWrite)
  @ApiOperation({ summary: 'List the standardised assessment methods with their result levels' })
  @ApiOkResponse({ type: AssessmentMethodPageDto })
  list(@Query() query: PageQueryDto) {
    return this.methods.list(query);
  }

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Add a standardised assessment method (admins; audited)' })
  @ApiCreatedResponse({ type: AssessmentMethodDto })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateAssessmentMethodDto): Promise<AssessmentMethodDto> {
    return this.methods.create(ctx, dto);
  }
}
