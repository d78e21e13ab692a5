import { Module } from '@nestjs/common';
import { QualificationsController } from './qualifications.controller';
import { QualificationsRepository } from './qualifications.repository';
import { QualificationsService } from './qualifications.service';

@Module({
  controllers: [QualificationsController],
  providers: [QualificationsRepository, QualificationsService],
  exports: [QualificationsService],
})
export class QualificationsModule {}
