import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { AppError, ErrorCode } from '../common/errors';
import { AppConfig } from '../config/app-config';
import { DeliveryService } from './delivery.service';
import { DeliveryReportReceiptDto } from './dto/delivery-report-receipt.dto';

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
  @ApiOkResponse({ type: DeliveryReportReceiptDto })
  @ApiErrors(401)
  async deliveryReport(@Query('key') key: unknown, @Query('delivery') deliveryId: unknown, @Body() body: unknown): Promise<DeliveryReportReceiptDto> {
    const expected = this.config.SMS_WEBHOOK_KEY;
    // Compared as digests: equal lengths whatever the key's characters, and in constant time.
    if (!expected || typeof key !== 'string' || !timingSafeEqual(digest(key), digest(expected))) {
      throw new AppError(401, ErrorCode.UNAUTHENTICATED, 'Unknown webhook key.');
    }
    const applied = typeof deliveryId === 'string' && UUID.test(deliveryId) ? await this.delivery.applyDeliveryReport(deliveryId, body) : false;
    return { received: true, applied };
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();
