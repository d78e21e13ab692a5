import { Module } from '@nestjs/common';
import { OrganisationModule } from '../organisation/organisation.module';
import { OutboxModule } from '../outbox/outbox.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { QualificationsModule } from '../qualifications/qualifications.module';
import { AbsencesController } from './absences.controller';
import { AbsencesService } from './absences.service';

@Module({
  imports: [OrganisationModule, QualificationsModule, ProgrammesModule, OutboxModule],
  controllers: [AbsencesController],
  providers: [AbsencesService],
  exports: [AbsencesService],
})
export class AbsencesModule {}
