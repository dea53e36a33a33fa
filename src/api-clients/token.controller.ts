import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/access.decorators';
import { ApiClientsService } from './api-clients.service';
import { BASIC_CHALLENGE, FormFields, OAuthError, readClientCredentials, singleField } from './client-credentials';

const TOKEN_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string' },
    token_type: { type: 'string', enum: ['Bearer'] },
    expires_in: { type: 'integer', description: 'Seconds' },
    scope: { type: 'string', description: 'The granted scopes, space-separated' },
  },
};

/** RFC 6749 §4.4.2 and §2.3.1: the grant, and the credentials when not sent by HTTP Basic. */
const TOKEN_REQUEST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['grant_type'],
  properties: {
    grant_type: { type: 'string', enum: ['client_credentials'] },
    scope: { type: 'string', description: 'Scopes asked for, space-separated; default every scope the client holds' },
    client_id: { type: 'string', description: 'With client_secret, instead of HTTP Basic' },
    client_secret: { type: 'string' },
  },
};

/** Errors here are RFC 6749's, not problem details: OAuth clients expect them. */
const OAUTH_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string', example: 'invalid_client' }, error_description: { type: 'string' } },
};

/** The OAuth 2.0 token endpoint for API clients: client credentials only (RFC 6749 §4.4). */
@ApiTags('auth')
@Controller('auth')
export class TokenController {
  constructor(private readonly clients: ApiClientsService) {}

  @Post('token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'OAuth 2.0 client credentials: a bearer token for an API client (form-encoded; HTTP Basic or form auth)',
  })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: TOKEN_REQUEST_SCHEMA })
  @ApiBasicAuth()
  @ApiOkResponse({ description: 'RFC 6749 §5.1: the access token', schema: TOKEN_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({
    description:
      'RFC 6749 §5.2: invalid_request (also for any body that is not form-encoded), unsupported_grant_type, invalid_scope',
    content: { 'application/json': { schema: OAUTH_ERROR_SCHEMA } },
  })
  @ApiUnauthorizedResponse({
    description: 'RFC 6749 §5.2: invalid_client, with a Basic challenge',
    content: { 'application/json': { schema: OAUTH_ERROR_SCHEMA } },
  })
  async token(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
    try {
      const fields = this.formFields(request);
      const grantType = singleField(fields, 'grant_type');
      if (grantType === undefined) {
        throw new OAuthError('invalid_request', 'grant_type is required.');
      }
      const credentials = readClientCredentials(request.headers.authorization, fields);
      if (grantType !== 'client_credentials') {
        throw new OAuthError('unsupported_grant_type', 'Only the client_credentials grant is supported.');
      }
      void reply.code(200).send(await this.clients.issueToken(credentials, singleField(fields, 'scope')));
    } catch (error) {
      if (!(error instanceof OAuthError)) {
        throw error;
      }
      if (error.error === 'invalid_client') {
        void reply.header('www-authenticate', BASIC_CHALLENGE);
      }
      void reply.code(error.status).send({ error: error.error, error_description: error.description });
    }
  }

  private formFields(request: FastifyRequest): FormFields {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (type !== 'application/x-www-form-urlencoded' || typeof request.body !== 'object' || request.body === null) {
      throw new OAuthError('invalid_request', 'Send the request form-encoded (application/x-www-form-urlencoded).');
    }
    return request.body as FormFields;
  }
}
