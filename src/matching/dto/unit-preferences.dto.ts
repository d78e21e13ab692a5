import { ApiProperty } from '@nestjs/swagger';

export class UnitPreferencesDto {
  @ApiProperty({ format: 'uuid' })
  unitId: string;

  /** Offered first. */
  @ApiProperty({ type: [String], format: 'uuid' })
  preferred: string[];

  /** Never offered this unit's vacancies. */
  @ApiProperty({ type: [String], format: 'uuid' })
  blocked: string[];
}
