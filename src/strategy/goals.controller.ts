import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../common/auth/access.decorators';
import { GoalDto, GoalListDto } from './dto/goal.dto';
import { StrategyService } from './strategy.service';

@ApiTags('goals')
@Controller('goals')
export class GoalsController {
  constructor(private readonly strategy: StrategyService) {}

  @Get()
  @AnyRole()
  @ApiOkResponse({ type: GoalListDto })
  list(): Promise<GoalListDto> {
    return this.strategy.goals();
  }

  @Get(':number')
  @AnyRole()
  @ApiOkResponse({ type: GoalDto })
  get(@Param('number', ParseIntPipe) number: number): Promise<GoalDto> {
    return this.strategy.goal(number);
  }
}
