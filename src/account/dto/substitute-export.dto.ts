import { ApiProperty } from '@nestjs/swagger';
import { AuditEntryDto } from '../../audit/dto/audit-entry.dto';
import { LasHistoryDayDto } from '../../bookings/dto/las.dto';
import { SubstituteDto } from '../../substitutes/dto/substitute.dto';
import { MyBookingDto } from './me.dto';

class ExportedOfferDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  vacancyId: string;

  @ApiProperty()
  wave: number;

  @ApiProperty()
  status: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  answeredAt: Date | null;

  /** Why the substitute was offered it: rank and reasons. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  rankReason: Record<string, unknown>;
}

class ExportedBookingDto extends MyBookingDto {
  @ApiProperty({ type: String, nullable: true })
  cancelReason: string | null;
}

class ExportedMessageDto {
  @ApiProperty({ example: 'offer' })
  kind: string;

  @ApiProperty({ enum: ['sms', 'email'] })
  channel: string;

  @ApiProperty()
  recipient: string;

  @ApiProperty({ type: String, nullable: true })
  subject: string | null;

  /** The text as stored; links and codes are put in only when a message is sent. */
  @ApiProperty()
  body: string;

  @ApiProperty()
  status: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt: Date | null;
}

class ExportedCodeDto {
  @ApiProperty({ enum: ['sms', 'email'] })
  channel: string;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  usedAt: Date | null;
}

/** Everything Vikariebanken holds about a substitute (GDPR art. 15 and 20). */
export class SubstituteExportDto {
  @ApiProperty({ type: String, format: 'date-time' })
  exportedAt: Date;

  @ApiProperty({ type: SubstituteDto })
  profile: SubstituteDto;

  @ApiProperty({ type: [ExportedOfferDto] })
  offers: ExportedOfferDto[];

  @ApiProperty({ type: [ExportedBookingDto] })
  bookings: ExportedBookingDto[];

  @ApiProperty({ type: [ExportedMessageDto] })
  messages: ExportedMessageDto[];

  @ApiProperty({ type: [ExportedCodeDto] })
  signInCodes: ExportedCodeDto[];

  @ApiProperty({ type: [LasHistoryDayDto], description: 'Employment days imported from the earlier system, counted for LAS, in date order.' })
  lasHistory: LasHistoryDayDto[];

  /** What the substitute did, and who did what to their profile and bookings (the audit log). */
  @ApiProperty({ type: [AuditEntryDto] })
  auditEntries: AuditEntryDto[];
}

export class ErasedDto {
  @ApiProperty({ enum: ['erased'] })
  status: 'erased';
}
