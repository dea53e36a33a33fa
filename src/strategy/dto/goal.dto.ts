import { ApiProperty } from '@nestjs/swagger';

export class LocalizedTextDto {
  @ApiProperty({ description: 'Swedish, as published' }) sv!: string;
  @ApiProperty({ description: 'English translation' }) en!: string;
}

export class MeasureDto {
  @ApiProperty({ example: '2.4' }) code!: string;
  @ApiProperty() text!: LocalizedTextDto;
}

export class GoalDto {
  @ApiProperty({ example: 2 }) number!: number;
  @ApiProperty() title!: LocalizedTextDto;
  @ApiProperty({ type: [MeasureDto] }) measures!: MeasureDto[];
}

export class GoalListDto {
  @ApiProperty({ example: 'stockholm-2020-2026' }) period!: string;
  @ApiProperty({ type: [GoalDto] }) items!: GoalDto[];
}
