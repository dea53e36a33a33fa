import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorators';
import { ROUTINE_DOCUMENT_SCHEMA, ROUTINE_DOCUMENT_SCHEMA_V1 } from './routine-schema';

@ApiTags('schemas')
@Controller('schemas')
export class SchemasController {
  @Get('routine-v1.json')
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiProduces('application/schema+json')
  @ApiOkResponse({
    description: 'JSON Schema (draft 2020-12) of the samverkan.routine/v1 exchange document',
    schema: { type: 'object' },
  })
  @ApiOperation({ summary: 'Get the JSON Schema of the samverkan.routine/v1 exchange document' })
  routineV1(): typeof ROUTINE_DOCUMENT_SCHEMA_V1 {
    return ROUTINE_DOCUMENT_SCHEMA_V1;
  }

  @Get('routine-v2.json')
  @Public()
  @Header('content-type', 'application/schema+json')
  @ApiProduces('application/schema+json')
  @ApiOkResponse({
    description: 'JSON Schema (draft 2020-12) of the samverkan.routine/v2 exchange document',
    schema: { type: 'object' },
  })
  @ApiOperation({ summary: 'Get the JSON Schema of the samverkan.routine/v2 exchange document' })
  routineV2(): typeof ROUTINE_DOCUMENT_SCHEMA {
    return ROUTINE_DOCUMENT_SCHEMA;
  }
}
