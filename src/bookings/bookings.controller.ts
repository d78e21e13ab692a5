import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor, Roles } from '../access/access.decorators';
import { ApiErrors } from '../common/api-docs';
import { IdParam } from '../common/id-param';
import { CancelBooking } from './cancel-booking.use-case';
import { CancelBookingDto } from './dto/cancel-booking.dto';
import { CancelledBookingDto } from './dto/cancelled-booking.dto';

@ApiTags('bookings')
@Controller('api/v1/bookings')
export class BookingsController {
  constructor(private readonly cancelBooking: CancelBooking) {}

  /** Cancels a booking; the vacancy reopens and a new search starts without this substitute. */
  @Roles('admin', 'manager', 'substitute')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: CancelledBookingDto })
  @ApiErrors(404)
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CancelBookingDto): Promise<CancelledBookingDto> {
    return this.cancelBooking.run(actor, id, dto.reason);
  }
}
