import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles, UsersOnly } from '../common/auth/access.decorators';
import { Ctx, RequestContext } from '../common/auth/request-context';
import { Role } from '../common/auth/role';
import { PageQueryDto } from '../common/pagination/pagination';
import {
  CreateWebhookDto,
  WebhookDeliveryDto,
  WebhookDeliveryPageDto,
  WebhookDeliveryQueryDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'The secret is shown only here' })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(ctx, dto);
  }

  @Get()
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto) {
    return this.webhooks.list(ctx, query);
  }

  @Get(':id')
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookDto })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.get(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiNoContentResponse()
  remove(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.webhooks.remove(ctx, id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({
    type: WebhookWithSecretDto,
    description: 'The new secret, shown only here; the old one also signs for 24 hours',
  })
  rotateSecret(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(ctx, id);
  }

  @Get(':id/deliveries')
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  deliveries(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ) {
    return this.webhooks.deliveries(ctx, id, query);
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiAcceptedResponse({ type: WebhookDeliveryDto, description: 'The new delivery; the worker sends it' })
  redeliver(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(ctx, id, deliveryId);
  }
}
