import { ApiProperty } from '@nestjs/swagger';
import type { StaffRole } from '../staff-user.entity';

export class StaffUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'chef@norrkoping.se' })
  email: string;

  @ApiProperty({ enum: ['admin', 'manager'] })
  role: StaffRole;

  @ApiProperty({ format: 'uuid' })
  municipalityId: string;

  /** The units a manager answers for; empty for an admin. */
  @ApiProperty({ type: [String], format: 'uuid' })
  unitIds: string[];

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
