import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_AREAS, ServiceArea } from '../service-area';

export class MunicipalityDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Norrköpings kommun' })
  name: string;
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  municipalityId: string;

  @ApiProperty({ example: 'Vrinnevihemmet' })
  name: string;

  @ApiProperty({ enum: SERVICE_AREAS })
  serviceArea: ServiceArea;

  @ApiProperty({ example: 'Vrinnevi' })
  district: string;

  @ApiProperty({ type: String, nullable: true, example: 'Vrinnevigatan 1, Norrköping' })
  address: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;
}
