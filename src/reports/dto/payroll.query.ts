import { ApiProperty } from '@nestjs/swagger';
import { IsMonth } from './report-params';

export class PayrollQuery {
  @ApiProperty({ example: '2027-01', description: 'The month, in Swedish time, whose booked shifts start in it.' })
  @IsMonth()
  month: string;
}
