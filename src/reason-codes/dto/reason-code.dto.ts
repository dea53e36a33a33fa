import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/pagination';
import { IsCode, queryBoolean } from '../../common/validation/codes';
import { FreeText } from '../../privacy/free-text.decorator';
import type { ReasonCode } from '../entities/reason-code.entity';
import { REASON_CODE_KINDS, ReasonCodeKind } from '../reason-code-kind';

/** A code of the catalogue: `/reason-codes/:kind/:code/retire`, and the key of a new one. */
export class ReasonCodeKeyDto {
  @ApiProperty({ enum: REASON_CODE_KINDS })
  @IsEnum(ReasonCodeKind)
  kind!: ReasonCodeKind;

  @ApiProperty({ example: 'handled_by_school', description: 'The code, unique within its kind' })
  @IsCode()
  code!: string;
}

export class CreateReasonCodeDto extends ReasonCodeKeyDto {
  @FreeText({ maxLength: 200, description: 'Label in Swedish', example: 'Hanteras av elevhälsan' })
  labelSv!: string;

  @FreeText({ maxLength: 200, description: 'Label in English', example: 'Handled by the school health service' })
  labelEn!: string;
}

export class ReasonCodeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REASON_CODE_KINDS })
  @IsOptional()
  @IsEnum(ReasonCodeKind)
  kind?: ReasonCodeKind;

  @ApiPropertyOptional({
    default: false,
    description: 'Also list retired codes (still shown on the rows that used them)',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  includeRetired?: boolean;
}

export class ReasonCodeDto {
  @ApiProperty({ enum: REASON_CODE_KINDS }) kind!: ReasonCodeKind;
  @ApiProperty() code!: string;
  @ApiProperty() labelSv!: string;
  @ApiProperty() labelEn!: string;
  @ApiProperty({ description: 'Set by the system itself (e.g. case_closed on a forced close), never chosen by users' })
  systemOnly!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ type: Date, nullable: true }) retiredAt!: Date | null;

  static from(row: ReasonCode): ReasonCodeDto {
    const { kind, code, labelSv, labelEn, systemOnly, createdAt, retiredAt } = row;
    return { kind, code, labelSv, labelEn, systemOnly, createdAt, retiredAt };
  }
}

export class ReasonCodePageDto {
  @ApiProperty({ type: [ReasonCodeDto] }) items!: ReasonCodeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
