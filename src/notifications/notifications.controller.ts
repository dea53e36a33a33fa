import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyRole, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { NotificationDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** The caller's own notifications, newest first. */
  @Get()
  @AnyRole()
  @UsersOnly()
  @ApiOkResponse({ type: NotificationPageDto })
  @ApiOperation({ summary: "List the caller's own notifications, newest first" })
  list(@Ctx() ctx: RequestContext, @Query() query: NotificationQueryDto) {
    return this.notifications.list(ctx, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @AnyRole()
  @UsersOnly()
  @ApiOkResponse({ type: NotificationDto })
  @ApiOperation({ summary: "Mark one of the caller's notifications as read" })
  markRead(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationDto> {
    return this.notifications.markRead(ctx, id);
  }
}
