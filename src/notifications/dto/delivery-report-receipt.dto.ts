import { ApiProperty } from '@nestjs/swagger';

export class DeliveryReportReceiptDto {
  @ApiProperty()
  received: boolean;

  /** Whether this report changed the message's status (a repeated or stale report changes nothing). */
  @ApiProperty()
  applied: boolean;
}
