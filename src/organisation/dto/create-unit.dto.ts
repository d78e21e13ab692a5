import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SERVICE_AREAS, ServiceArea } from '../service-area';
import { Trim } from '../../common/transforms';

export class CreateUnitDto {
  /** The unit's name, e.g. "Hagaskolan". */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsIn(SERVICE_AREAS, { message: `must be one of ${SERVICE_AREAS.join(', ')}` })
  serviceArea: ServiceArea;

  /** The district (område) the unit lies in; substitutes choose districts they work in. */
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  district: string;

  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(300)
  address?: string;
}
