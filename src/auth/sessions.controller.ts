import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { AuthService } from './auth.service';

@ApiTags('users')
@Controller('users')
export class SessionsController {
  constructor(private readonly auth: AuthService) {}

  @Delete(':id/sessions')
  @Roles(Role.Admin)
  @UsersOnly()
  @HttpCode(204)
  @ApiOperation({ summary: "End every session of a user: all of the account's tokens stop working at once" })
  @ApiNoContentResponse({ description: 'Every session ended' })
  @ApiNotFoundResponse({ description: 'No such user' })
  async endAll(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.auth.endSessionsOf(ctx, id);
  }
}
