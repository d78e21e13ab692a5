import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_AREAS, ServiceArea } from '../../organisation/service-area';

export class QualificationDto {
  @ApiProperty({ example: 'underskoterska' })
  code: string;

  @ApiProperty({ example: 'Undersköterska' })
  name: string;

  @ApiProperty({ enum: SERVICE_AREAS })
  serviceArea: ServiceArea;
}
