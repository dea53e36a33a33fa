import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, registerDecorator, ValidateBy } from 'class-validator';
import { personalDataMessage, PERSONAL_DATA_CONSTRAINT } from '../../common/http/request-validation.exception';
import { PageQueryDto } from '../../common/pagination/pagination';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';
import { findPersonalData, PERSONAL_DATA_KINDS, PersonalDataKind } from '../../privacy/personal-data-detector';
import type { ErasureRequest } from '../erasure-request.repository';
import { ERASURE_REASON_CODES, ERASURE_STATUSES, ErasureReasonCode, ErasureStatus } from '../erasure-rules';
import { PathSegment, scalarsOf, ValueTarget } from '../value-paths';

const SQL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_KEY_COLUMNS = 8;
const MAX_KEY_VALUE_LENGTH = 200;
const MAX_PATH_LENGTH = 32;
const MAX_SEGMENT_LENGTH = 200;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A primary key as the scan reports it: column name → the value as text. */
const IsRowKey = () =>
  ValidateBy({
    name: 'isRowKey',
    validator: {
      validate: (value: unknown) =>
        isRecord(value) &&
        Object.keys(value).length >= 1 &&
        Object.keys(value).length <= MAX_KEY_COLUMNS &&
        Object.entries(value).every(
          ([name, part]) => SQL_NAME.test(name) && typeof part === 'string' && part.length <= MAX_KEY_VALUE_LENGTH,
        ),
      defaultMessage: () => `row must map 1 to ${MAX_KEY_COLUMNS} primary key column names to their values as text`,
    },
  });

const isSegment = (segment: unknown): segment is PathSegment =>
  (typeof segment === 'string' && segment.length <= MAX_SEGMENT_LENGTH) ||
  (typeof segment === 'number' && Number.isSafeInteger(segment) && segment >= 0) ||
  (isRecord(segment) &&
    Object.keys(segment).length === 1 &&
    Number.isSafeInteger(segment.keyAt) &&
    (segment.keyAt as number) >= 0);

const IsValuePath = () =>
  ValidateBy({
    name: 'isValuePath',
    validator: {
      validate: (value: unknown) => Array.isArray(value) && value.length <= MAX_PATH_LENGTH && value.every(isSegment),
      defaultMessage: () => `path must be at most ${MAX_PATH_LENGTH} segments: keys, array indexes or { keyAt }`,
    },
  });

/** The privacy guard on every key and string inside a structured value: the row key and path are kept and audited. */
function NoPersonalDataInside(): PropertyDecorator {
  const kindIn = (value: unknown): PersonalDataKind | null => {
    for (const scalar of scalarsOf(value, () => false)) {
      const kind = findPersonalData(scalar.text);
      if (kind) {
        return kind;
      }
    }
    return null;
  };
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: PERSONAL_DATA_CONSTRAINT,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => kindIn(value) === null,
        defaultMessage: (args) => personalDataMessage(kindIn(args?.value) ?? 'unknown'),
      },
    });
}

export class CreateErasureRequestDto {
  @ApiProperty({ example: 'case_step', description: 'The table, as `npm run privacy:scan` reports it' })
  @Matches(SQL_NAME, { message: 'table must be a table name' })
  @NoPersonalData({ maxLength: 63 })
  table!: string;

  @ApiProperty({ example: 'note' })
  @Matches(SQL_NAME, { message: 'column must be a column name' })
  @NoPersonalData({ maxLength: 63 })
  column!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { case_id: '6f0c…', key: 'joint_risk_meeting' },
  })
  @IsRowKey()
  @NoPersonalDataInside()
  row!: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'Inside a JSON value or array: object keys, array indexes, or { "keyAt": n } for a key that itself holds personal data',
    example: ['filters', 'entityId'],
    type: 'array',
    items: {},
  })
  @IsOptional()
  @IsValuePath()
  @NoPersonalDataInside()
  path: PathSegment[] = [];

  @ApiPropertyOptional({
    enum: ['value', 'key'],
    default: 'value',
    description: 'key: the object key the path ends at',
  })
  @IsOptional()
  @IsIn(['value', 'key'])
  target: ValueTarget = 'value';

  @ApiProperty({
    enum: PERSONAL_DATA_KINDS,
    description: 'The kind the scan reported; the value must still be detected as it',
  })
  @IsIn(PERSONAL_DATA_KINDS)
  kind!: PersonalDataKind;

  @ApiProperty({ enum: ERASURE_REASON_CODES })
  @IsIn(ERASURE_REASON_CODES)
  reasonCode!: ErasureReasonCode;
}

export class ErasureRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ERASURE_STATUSES })
  @IsOptional()
  @IsIn(ERASURE_STATUSES)
  status?: ErasureStatus;
}

export class ErasureRequestDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() table!: string;
  @ApiProperty() column!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) row!: Record<string, string>;
  @ApiProperty({ type: 'array', items: {} }) path!: PathSegment[];
  @ApiProperty({ enum: ['value', 'key'] }) target!: ValueTarget;
  @ApiProperty({ enum: PERSONAL_DATA_KINDS }) kind!: PersonalDataKind;
  @ApiProperty({ enum: ERASURE_REASON_CODES }) reasonCode!: ErasureReasonCode;
  @ApiProperty({ enum: ERASURE_STATUSES }) status!: ErasureStatus;
  @ApiProperty({ format: 'uuid' }) requestedBy!: string;
  @ApiProperty() requestedAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Who approved or rejected it' })
  decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) decidedAt!: Date | null;

  static from(request: ErasureRequest): ErasureRequestDto {
    return { ...request };
  }
}

export class ErasureRequestPageDto {
  @ApiProperty({ type: [ErasureRequestDto] }) items!: ErasureRequestDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
