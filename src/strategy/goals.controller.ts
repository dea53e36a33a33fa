import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, Scopes } from '../common/auth/access.decorators';
import { Scope } from '../common/auth/scope';
import { GoalDto, GoalListDto } from './dto/goal.dto';
import { StrategyService } from './strategy.service';

@ApiTags('goals')
@Controller('goals')
export class GoalsController {
  constructor(private readonly strategy: StrategyService) {}

  @Get()
  @AnyRole()
  @Scopes(Scope.ReportsRead)
  @ApiOkResponse({ type: GoalListDto })
  @ApiOperation({ summary: "List the strategy's goals" })
  list(): Promise<GoalListDto> {
    return this.strategy.goals();
  }

  @Get(':number')
  @AnyRole()
  @Scopes(Scope.ReportsRead)
  @ApiOkResponse({ type: GoalDto })
  @ApiOperation({ summary: 'Get one strategy goal by its number' })
  get(@Param('number', ParseIntPipe) number: number): Promise<GoalDto> {
    return this.strategy.goal(number);
  }
}
