import { Module } from '@nestjs/common';
import { AbsencesModule } from '../absences/absences.module';
import { BookingsModule } from '../bookings/bookings.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SubstitutesModule } from '../substitutes/substitutes.module';
import { AnswerOffer } from './answer-offer.use-case';
import { OfferRepository } from './offer.repository';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';

@Module({
  imports: [AbsencesModule, BookingsModule, NotificationsModule, SubstitutesModule],
  controllers: [OffersController],
  providers: [OfferRepository, OffersService, AnswerOffer],
  exports: [OffersService, AnswerOffer],
})
export class OffersModule {}
