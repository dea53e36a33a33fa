import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  list(): Promise<GoalListDto> {
    return this.strategy.goals();
  }

  @Get(':number')
  @AnyRole()
  @Scopes(Scope.ReportsRead)
  @ApiOkResponse({ type: GoalDto })
  get(@Param('number', ParseIntPipe) number: number): Promise<GoalDto> {
    return this.strategy.goal(number);
  }
}
