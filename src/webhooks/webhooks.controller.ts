import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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
  @ApiOperation({ summary: "Subscribe a URL to the organisation's case events (the signing secret is shown once)" })
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(ctx, dto);
  }

  @Get()
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookPageDto })
  @ApiOperation({ summary: "List the organisation's webhook subscriptions" })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQueryDto) {
    return this.webhooks.list(ctx, query);
  }

  @Get(':id')
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookDto })
  @ApiOperation({ summary: 'Get one webhook subscription' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.get(ctx, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiNoContentResponse()
  @ApiOperation({ summary: 'Delete a webhook subscription (no further deliveries)' })
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
  @ApiOperation({ summary: "Replace a subscription's signing secret (the new one is shown once)" })
  rotateSecret(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(ctx, id);
  }

  @Get(':id/deliveries')
  @Roles(Role.Coordinator)
  @UsersOnly()
  @ApiOkResponse({ type: WebhookDeliveryPageDto })
  @ApiOperation({ summary: "List a subscription's deliveries with their attempts and status codes" })
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
  @ApiOperation({ summary: 'Send a delivery again, with the same message id' })
  redeliver(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<WebhookDeliveryDto> {
    return this.webhooks.redeliver(ctx, id, deliveryId);
  }
}
