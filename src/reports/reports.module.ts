import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** Read-only reports: a programme's outcome, fill rates, and the monthly payroll file. */
@Module({
  imports: [ProgrammesModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
