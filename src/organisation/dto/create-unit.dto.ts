import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SERVICE_AREAS, ServiceArea } from '../service-area';
import { Trim } from '../../common/transforms';

export class CreateUnitDto {
  /** The unit's name, e.g. "Hagaskolan". */
  @ApiProperty({ example: 'Hagaskolan', maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: SERVICE_AREAS })
  @IsIn(SERVICE_AREAS, { message: `must be one of ${SERVICE_AREAS.join(', ')}` })
  serviceArea: ServiceArea;

  /** The district (område) the unit lies in; substitutes choose districts they work in. */
  @ApiProperty({ example: 'Centrum', maxLength: 100 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  district: string;

  @ApiPropertyOptional({ example: 'Hagagatan 12, 602 25 Norrköping', maxLength: 300 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  address?: string;
}
