import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { QueueDashboardAccess } from './queue-dashboard-access';

@ApiTags('admin')
@Controller('admin/queue-dashboard')
export class QueueDashboardController {
  constructor(private readonly access: QueueDashboardAccess) {}

  /** Sets a 15-minute cookie that opens the queue dashboard at /admin/queues in a browser. */
  @Post('session')
  @HttpCode(204)
  @Roles(Role.Admin)
  @UsersOnly()
  @ApiNoContentResponse({ description: 'Cookie set for /admin/queues' })
  @ApiOperation({ summary: 'Open the queue dashboard in a browser for 15 minutes (sets a cookie)' })
  async session(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    void reply.header('set-cookie', await this.access.sessionCookie(ctx.user));
  }
}
