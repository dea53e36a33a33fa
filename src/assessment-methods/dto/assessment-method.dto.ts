import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Matches,
  ValidateNested,
} from 'class-validator';
import { IsCode } from '../../common/validation/codes';
import { FreeText } from '../../privacy/free-text.decorator';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { ASSESSED_PARTIES, AssessedParty } from '../assessment-method-catalogue';
import type { AssessmentMethod } from '../entities/assessment-method.entity';

export const MEASURE_CODE_PATTERN = /^[0-9]{1,2}\.[0-9]{1,2}$/;

export class LocalizedNameDto {
  @ApiProperty({ description: 'Swedish' }) sv!: string;
  @ApiProperty({ description: 'English' }) en!: string;
}

export class AssessmentLevelDto {
  @ApiProperty({ example: 'high', description: 'The coded result kept on a completed step' })
  @IsCode()
  code!: string;

  @FreeText({ maxLength: 200, description: 'Label in Swedish', example: 'Hög risk' })
  sv!: string;

  @FreeText({ maxLength: 200, description: 'Label in English', example: 'High risk' })
  en!: string;
}

export class CreateAssessmentMethodDto {
  @ApiProperty({ example: 'sara_v3', description: 'Unique code of the method' })
  @IsCode()
  code!: string;

  @FreeText({ maxLength: 200, description: 'Name in Swedish', example: 'SARA-V3' })
  nameSv!: string;

  @FreeText({ maxLength: 200, description: 'Name in English', example: 'SARA version 3' })
  nameEn!: string;

  @ApiProperty({ enum: ASSESSED_PARTIES, description: 'Whom the method assesses' })
  @IsIn(ASSESSED_PARTIES)
  assesses!: AssessedParty;

  @ApiProperty({ type: [String], example: ['2.1'], description: 'Measures of the strategy period in force it serves' })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(MEASURE_CODE_PATTERN, { each: true, message: '$property must hold measure codes such as 2.1' })
  @NoPersonalData({ maxLength: 10, each: true })
  measures!: string[];

  @ApiProperty({ type: [AssessmentLevelDto], minItems: 2, maxItems: 10, description: 'Its coded result levels' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(10)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AssessmentLevelDto)
  levels!: AssessmentLevelDto[];
}

export class AssessmentMethodDto {
  @ApiProperty({ example: 'sara_sv' }) code!: string;
  @ApiProperty({ type: LocalizedNameDto }) name!: LocalizedNameDto;
  @ApiProperty({ enum: ASSESSED_PARTIES }) assesses!: AssessedParty;
  @ApiProperty({ example: 'stockholm-2020-2026', description: 'The strategy period of its measures' }) period!: string;
  @ApiProperty({ type: [String], example: ['2.1'] }) measures!: string[];
  @ApiProperty({ type: [AssessmentLevelDto] }) levels!: AssessmentLevelDto[];

  static from(row: AssessmentMethod): AssessmentMethodDto {
    return {
      code: row.code,
      name: { sv: row.nameSv, en: row.nameEn },
      assesses: row.assesses,
      period: row.periodCode,
      measures: row.measures,
      levels: row.levels,
    };
  }
}

export class AssessmentMethodPageDto {
  @ApiProperty({ type: [AssessmentMethodDto] }) items!: AssessmentMethodDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
