import { ApiProperty } from '@nestjs/swagger';
import { PeriodViewDto } from '../../common/period.dto';

/** A vacancy a substitute could take now. */
export class OpenVacancyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  unitId: string;

  /** The unit's name. */
  @ApiProperty({ example: 'Vrinnevihemmet' })
  unit: string;

  @ApiProperty({ type: String, nullable: true, example: 'Vrinnevigatan 1, Norrköping' })
  address: string | null;

  @ApiProperty({ example: 'underskoterska' })
  qualification: string;

  @ApiProperty({ example: 'Undersköterska' })
  qualificationName: string;

  @ApiProperty({ type: [PeriodViewDto] })
  shifts: PeriodViewDto[];

  @ApiProperty({ type: String, format: 'date-time' })
  startsAt: Date;
}
