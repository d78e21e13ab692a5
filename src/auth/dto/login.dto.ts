import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { LowerTrim } from '../../common/transforms';

export class LoginDto {
  @ApiProperty({ example: 'chef@norrkoping.se', maxLength: 254 })
  @LowerTrim()
  @IsString()
  @MinLength(3)
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password', maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}
