import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH } from '../../auth/passwords';
import { LowerTrim } from '../../common/transforms';
import type { StaffRole } from '../staff-user.entity';

export class CreateUserDto {
  @LowerTrim()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(72, { message: 'must be at most 72 characters' })
  password: string;

  @IsIn(['manager', 'admin'], { message: 'must be manager or admin' })
  role: StaffRole;

  /** The units a manager is responsible for. */
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'must be a list of unit ids' })
  unitIds: string[] = [];
}
