import { applyDecorators } from '@nestjs/common';
import { IsUUID } from 'class-validator';
import { NoPersonalData } from '../../privacy/no-personal-data.decorator';

/**
 * The id of a record: a UUID, and one that carries no identity number (`19940102-9971-4…` is UUID-shaped).
 * Ids given as filters and references are recorded in the audit trail, so they pass the guard like any value.
 */
export const IsId = (options: { each?: boolean } = {}) =>
  applyDecorators(IsUUID('all', options), NoPersonalData({ maxLength: 36, each: options.each }));
