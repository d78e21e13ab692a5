import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OrganisationModule } from '../organisation/organisation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { createMailer, createSmsProvider, MAILER } from './channels';
import { DeliveryService } from './delivery.service';
import { NotificationRepository } from './notification.repository';
import { NotificationsService } from './notifications.service';
import { SMS_PROVIDER } from './sms/sms-provider';
import { WebhooksController } from './webhooks.controller';

@Module({
  imports: [OrganisationModule, OutboxModule],
  controllers: [WebhooksController],
  providers: [
    NotificationRepository,
    NotificationsService,
    DeliveryService,
    { provide: SMS_PROVIDER, inject: [AppConfig], useFactory: createSmsProvider },
    { provide: MAILER, inject: [AppConfig], useFactory: createMailer },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
