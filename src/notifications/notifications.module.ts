import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxModule } from '../outbox/outbox.module';
import { createMailer, createSmsProvider, MAILER } from './channels';
import { DeliveryService } from './delivery.service';
import { NotificationsService } from './notifications.service';
import { SMS_PROVIDER } from './sms/sms-provider';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [OutboxModule],
  controllers: [WebhooksController],
  providers: [
    NotificationsService,
    DeliveryService,
    { provide: SMS_PROVIDER, inject: [AppConfig], useFactory: createSmsProvider },
    { provide: MAILER, inject: [AppConfig], useFactory: createMailer },
  ],
  exports: [NotificationsService, DeliveryService],
})
export class NotificationsModule {}
