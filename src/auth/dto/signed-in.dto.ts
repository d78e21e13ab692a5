import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '../../access/actor';

export class SignedInUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ['admin', 'manager', 'substitute'] })
  role: Role;

  @ApiProperty({ format: 'uuid' })
  municipalityId: string;

  /** The units a manager answers for; empty for others. */
  @ApiProperty({ type: [String], format: 'uuid' })
  unitIds: string[];
}

export class SignedInDto {
  /** Send as "Authorization: Bearer <accessToken>". */
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ type: SignedInUserDto })
  user: SignedInUserDto;
}
