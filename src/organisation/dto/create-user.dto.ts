import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '../passwords';
import { MaxBytes } from '../../common/max-bytes.validator';
import { LowerTrim } from '../../common/transforms';
import type { StaffRole } from '../staff-user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'chef@norrkoping.se', maxLength: 254 })
  @LowerTrim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, description: 'At most 72 bytes: bcrypt reads no further.' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxBytes(72)
  password: string;

  @ApiProperty({ enum: ['manager', 'admin'] })
  @IsIn(['manager', 'admin'], { message: 'must be manager or admin' })
  role: StaffRole;

  /** The units a manager is responsible for. */
  @ApiProperty({ type: [String], format: 'uuid', default: [] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be a list of unit ids' })
  unitIds: string[] = [];
}
