import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/access.decorators';
import { ApiClientsService } from './api-clients.service';
import { BASIC_CHALLENGE, FormFields, OAuthError, readClientCredentials, singleField } from './client-credentials';

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
  @ApiBasicAuth()
  @ApiOkResponse({ description: '{ access_token, token_type: "Bearer", expires_in, scope }' })
  @ApiBadRequestResponse({ description: 'RFC 6749 §5.2: invalid_request, unsupported_grant_type, invalid_scope' })
  @ApiUnauthorizedResponse({ description: 'RFC 6749 §5.2: invalid_client, with a Basic challenge' })
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
