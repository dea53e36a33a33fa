import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { notVisible } from '../auth/not-visible.exception';
import type { RequestContext } from '../common/auth/request-context';
import { notFound } from '../common/http/domain.exception';
import { decodeCursor, Page, toPage } from '../common/pagination/pagination';
import { NotificationDto, NotificationQueryDto } from './dto/notification.dto';
import { Notification } from './entities/notification.entity';

/** The signed-in user's own inbox. Nobody sees another user's notifications. */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(ctx: RequestContext, query: NotificationQueryDto): Promise<Page<NotificationDto>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Notification, 'n')
      .where('n.user_id = :userId', { userId: ctx.user.id })
      .orderBy('n.seq', 'DESC')
      .limit(query.limit + 1);
    if (query.unread) {
      qb.andWhere('n.read_at IS NULL');
    }
    const after = decodeCursor(query.cursor, ['bigint']);
    if (after) {
      qb.andWhere('n.seq < :seq', { seq: String(after[0]) });
    }
    return toPage(
      await qb.getMany(),
      query.limit,
      (row) => [row.seq],
      (row) => NotificationDto.from(row),
    );
  }

  async markRead(ctx: RequestContext, id: string): Promise<NotificationDto> {
    return this.dataSource.transaction(async (manager) => {
      const notification = await manager.findOne(Notification, {
        where: { id, userId: ctx.user.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!notification) {
        throw (await manager.existsBy(Notification, { id })) ? notVisible('notification') : notFound('notification');
      }
      if (notification.readAt) {
        return NotificationDto.from(notification);
      }
      notification.readAt = new Date();
      await manager.update(Notification, { id }, { readAt: notification.readAt });
      await this.audit.append(manager, ctx, {
        action: 'notification.read',
        entity: { type: 'notification', id },
        organizationIds: [notification.organizationId],
        data: { kind: notification.kind, reminderId: notification.reminderId },
      });
      return NotificationDto.from(notification);
    });
  }
}
