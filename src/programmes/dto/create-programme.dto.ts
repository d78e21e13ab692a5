import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsObject, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../common/transforms';
import { SERVICE_AREAS, ServiceArea } from '../../organisation/service-area';

const MAX_SEK = 1e12;

export class AllocationDto {
  @ApiProperty({ enum: SERVICE_AREAS })
  @IsIn(SERVICE_AREAS, { message: `must be one of ${SERVICE_AREAS.join(', ')}` })
  serviceArea: ServiceArea;

  @ApiProperty({ example: 13_000_000, minimum: 0 })
  @IsInt({ message: 'must be a whole number of kronor' })
  @Min(0)
  @Max(MAX_SEK)
  amountSek: number;
}

export class CreateProgrammeDto {
  /** E.g. "Jobbsatsningen". */
  @ApiProperty({ example: 'Jobbsatsningen', maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 52_000_000, minimum: 0 })
  @IsInt({ message: 'must be a whole number of kronor' })
  @Min(0)
  @Max(MAX_SEK)
  budgetSek: number;

  @ApiProperty({ type: [AllocationDto], default: [] })
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'must be a list of { serviceArea, amountSek } objects' })
  @ValidateNested({ each: true })
  @Type(() => AllocationDto)
  allocations: AllocationDto[] = [];
}
