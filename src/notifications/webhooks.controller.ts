import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators';
import { AppError, ErrorCode } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { DeliveryService } from './delivery.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Delivery reports from 46elks, which retries them for hours: every valid call answers 200, and applies once. */
@ApiTags('webhooks')
@Controller('api/v1/webhooks/46elks')
export class WebhooksController {
  constructor(
    private readonly config: AppConfig,
    private readonly delivery: DeliveryService,
  ) {}

  @Public()
  @SkipThrottle()
  @Post('delivery')
  @HttpCode(200)
  async deliveryReport(@Query('key') key: unknown, @Query('delivery') deliveryId: unknown, @Body() body: unknown) {
    const expected = this.config.SMS_WEBHOOK_KEY;
    if (!expected || typeof key !== 'string' || key.length !== expected.length || !timingSafeEqual(Buffer.from(key), Buffer.from(expected))) {
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, 'Unknown webhook key.');
    }
    const applied = typeof deliveryId === 'string' && UUID.test(deliveryId) ? await this.delivery.applyDeliveryReport(deliveryId, body) : false;
    return { received: true, applied };
  }
}
