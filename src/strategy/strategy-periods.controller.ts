import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AnyRole, Public, Roles, Scopes, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { Scope } from '../common/auth/scope';
import {
  CreateStrategyPeriodDto,
  StrategyPeriodDto,
  StrategyPeriodPageDto,
  StrategyPeriodQueryDto,
} from './dto/strategy-period.dto';
import { STRATEGY_PERIOD_SCHEMA } from './strategy-period-schema';
import { StrategyPeriodsService } from './strategy-periods.service';

@ApiTags('strategy-periods')
@Controller('strategy-periods')
export class StrategyPeriodsController {
  constructor(private readonly periods: StrategyPeriodsService) {}

  @Get()
  @AnyRole()
  @Scopes(Scope.RoutinesRead)
  @ApiOperation({ summary: 'List the strategy periods, with the one in force marked' })
  @ApiOkResponse({ type: StrategyPeriodPageDto })
  list(@Query() query: StrategyPeriodQueryDto) {
    return this.periods.list(query);
  }

  @Get('schema.json')
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiProduces('application/schema+json')
  @ApiOperation({ summary: 'Get the JSON Schema of the strategy period document' })
  @ApiOkResponse({ description: 'JSON Schema (draft 2020-12)', schema: { type: 'object' } })
  schema(): typeof STRATEGY_PERIOD_SCHEMA {
    return STRATEGY_PERIOD_SCHEMA;
  }

  @Post()
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiOperation({ summary: 'Load a strategy period with its goals, measures and measure mapping (admins; audited)' })
  @ApiCreatedResponse({ type: StrategyPeriodDto })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateStrategyPeriodDto): Promise<StrategyPeriodDto> {
    return this.periods.create(ctx, dto);
  }
}
