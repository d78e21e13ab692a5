import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class BookSubstituteDto {
  /** The substitute to book; staff have agreed it with them. */
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a substitute id (a UUID)' })
  substituteId: string;
}
