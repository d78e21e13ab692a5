import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { SubstitutesController } from './substitutes.controller';
import { SubstitutesService } from './substitutes.service';

@Module({
  imports: [OrganisationModule, QualificationsModule],
  controllers: [SubstitutesController],
  providers: [SubstitutesService],
  exports: [SubstitutesService],
})
export class SubstitutesModule {}
