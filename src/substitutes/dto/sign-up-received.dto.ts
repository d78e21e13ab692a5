import { ApiProperty } from '@nestjs/swagger';

export class SignUpReceivedDto {
  /** The same for every valid sign-up, new or not; the person is told the rest by message. */
  @ApiProperty({ enum: ['received'] })
  status: 'received';
}
