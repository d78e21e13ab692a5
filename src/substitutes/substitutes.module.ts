import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganisationModule } from '../organisation/organisation.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { SubstitutesController } from './substitutes.controller';
import { SubstitutesRepository } from './substitutes.repository';
import { SubstitutesService } from './substitutes.service';

@Module({
  imports: [NotificationsModule, OrganisationModule, QualificationsModule],
  controllers: [SubstitutesController],
  providers: [SubstitutesRepository, SubstitutesService],
  exports: [SubstitutesService],
})
export class SubstitutesModule {}
