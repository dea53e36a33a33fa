import { Controller, Get, Param, ParseIntPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { GoalDto, GoalListDto } from './dto/goal.dto';
import { GoalsQueryDto } from './dto/strategy-period.dto';
import { StrategyService } from './strategy.service';

@ApiTags('goals')
@Controller('goals')
export class GoalsController {
  constructor(private readonly strategy: StrategyService) {}

  @Get()
  @AnyRole()
  @Scopes(Scope.ReportsRead)
  @ApiOkResponse({ type: GoalListDto })
  @ApiOperation({ summary: 'List the goals and measures of the strategy period in force (or of ?period=)' })
  list(@Query() query: GoalsQueryDto): Promise<GoalListDto> {
    return this.strategy.goals(query.period);
  }

  @Get(':number')
  @AnyRole()
  @Scopes(Scope.ReportsRead)
  @ApiOkResponse({ type: GoalDto })
  @ApiOperation({ summary: 'Get one strategy goal by its number' })
  get(@Param('number', ParseIntPipe) number: number, @Query() query: GoalsQueryDto): Promise<GoalDto> {
    return this.strategy.goal(number, query.period);
  }
}
