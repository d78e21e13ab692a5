import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_AREAS, type ServiceArea } from '../../organisation/service-area';

export class ServiceAreaReportDto {
  @ApiProperty({ enum: SERVICE_AREAS })
  serviceArea: ServiceArea;

  @ApiProperty({ example: 13_000_000, description: 'Allocated to the service area; 0 when the programme allocates nothing to it.' })
  budgetSek: number;

  @ApiProperty({ example: 120 })
  vacancies: number;

  @ApiProperty({ example: 101 })
  filled: number;

  @ApiProperty({ example: 808.5 })
  hoursFilled: number;

  @ApiProperty({ example: 252_656.25, description: 'hoursFilled × the allocation\'s hourlyCostSek, to the öre; 0 without an hourly cost.' })
  costSek: number;
}

export class ProgrammeReportDto {
  @ApiProperty({ example: 300, description: 'Vacancies whose absence names the programme; cancelled ones are left out.' })
  vacancies: number;

  @ApiProperty({ example: 261, description: 'Of those, the ones with a confirmed booking.' })
  filled: number;

  @ApiProperty({ example: 0.87, description: 'filled / vacancies, from 0 to 1; 0 when there are no vacancies.' })
  fillRate: number;

  @ApiProperty({ example: 2088, description: 'Elapsed hours of the booked shifts of the confirmed bookings, to two decimals.' })
  hoursFilled: number;

  @ApiProperty({ example: 652_500, description: 'The sum of costSek over the service areas, to the öre.' })
  costSek: number;

  @ApiProperty({ example: 52_000_000, description: 'The programme\'s whole budget.' })
  budgetSek: number;

  @ApiProperty({ type: Number, nullable: true, example: 42.5, description: 'Median minutes from a vacancy\'s creation to its booking, of the filled ones (two decimals); null when none is filled.' })
  medianMinutesToFill: number | null;

  @ApiProperty({
    type: [ServiceAreaReportDto],
    description: 'One row for each service area the programme allocates to, and for each service area (of the unit) that has vacancies.',
  })
  byServiceArea: ServiceAreaReportDto[];
}
