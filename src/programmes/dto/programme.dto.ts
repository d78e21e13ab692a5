import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_AREAS, ServiceArea } from '../../organisation/service-area';

export class AllocationViewDto {
  @ApiProperty({ enum: SERVICE_AREAS })
  serviceArea: ServiceArea;

  @ApiProperty({ example: 13_000_000 })
  amountSek: number;

  @ApiProperty({ type: Number, nullable: true, example: 312.5, description: 'Kronor per booked substitute hour; null when not set.' })
  hourlyCostSek: number | null;
}

/** A programme as a list shows it: enough to tag an absence with it. */
export class ProgrammeSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Jobbsatsningen' })
  name: string;

  @ApiProperty({ example: 52_000_000 })
  budgetSek: number;
}

export class ProgrammeDto extends ProgrammeSummaryDto {
  @ApiProperty({ type: [AllocationViewDto] })
  allocations: AllocationViewDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
