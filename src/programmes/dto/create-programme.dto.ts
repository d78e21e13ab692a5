import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Trim } from '../../common/transforms';
import { SERVICE_AREAS, ServiceArea } from '../../organisation/service-area';

const MAX_SEK = 1e12;
/** Far above any wage with its costs; catches a budget typed into the wrong field. */
const MAX_HOURLY_COST_SEK = 100_000;

export class AllocationDto {
  @ApiProperty({ enum: SERVICE_AREAS })
  @IsIn(SERVICE_AREAS, { message: `must be one of ${SERVICE_AREAS.join(', ')}` })
  serviceArea: ServiceArea;

  @ApiProperty({ example: 13_000_000, minimum: 0 })
  @IsInt({ message: 'must be a whole number of kronor' })
  @Min(0)
  @Max(MAX_SEK)
  amountSek: number;

  /** What one substitute hour costs in this service area, wage and employer's costs included; prices the programme report. */
  @ApiPropertyOptional({ type: Number, nullable: true, example: 312.5, minimum: 0, maximum: MAX_HOURLY_COST_SEK, description: 'Kronor per booked hour, at most two decimals.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'must be an amount of kronor with at most two decimals' })
  @Min(0)
  @Max(MAX_HOURLY_COST_SEK)
  hourlyCostSek?: number | null;
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
