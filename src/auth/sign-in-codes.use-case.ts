import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, invalidField } from '../common/errors';
import { clientAddress } from '../common/client-address';
import { AppConfig } from '../config/app-config';
import { AuditLog } from '../audit/audit-log.service';
import { Tenancy } from '../database/tenancy';
import { UnitOfWork } from '../database/unit-of-work';
import { CODE_PLACEHOLDER, codeHash, codeMatches, signInCode } from '../notifications/credentials';
import { NotificationsService } from '../notifications/notifications.service';
import { signInCodeEmail } from '../notifications/templates/emails';
import { signInCodeSms } from '../notifications/templates/sms-texts';
import { RateLimiter } from '../redis/rate-limiter';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { AuthService } from './auth.service';
import { CodeRequestDto, CodeVerifyDto } from './dto/code.dto';
import { SignedInDto } from './dto/signed-in.dto';
import { OneTimeCodeRepository } from './one-time-code.repository';

export const CODE_TTL_MINUTES = 10;
export const MAX_WRONG_ANSWERS = 5;
/** Codes one person may be sent: a few in a quarter of an hour, some more in a day. */
const CODES_PER_PERSON = [
  { count: 3, minutes: 15 },
  { count: 10, minutes: 24 * 60 },
];
/** From one address: generous, as a care home's staff share one; the per-person limit guards the cost of SMS. */
const CODE_REQUESTS_PER_ADDRESS_AN_HOUR = 60;
const ANSWERS_PER_ADDRESS_A_QUARTER = 60;

const invalidCode = () => new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_CODE, 'The code is wrong or no longer valid. Ask for a new one.');

/**
 * A substitute signs in with a one-time code sent by SMS or email. Asking answers alike whether the person
 * exists, and only a known person is sent anything; a code is six digits, valid 10 minutes, single use,
 * stored only as a hash, and dies after 5 wrong answers.
 */
@Injectable()
export class SignInCodes {
  private readonly logger = new Logger(SignInCodes.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly codes: OneTimeCodeRepository,
    private readonly substitutes: SubstitutesService,
    private readonly notifications: NotificationsService,
    private readonly auth: AuthService,
    private readonly limits: RateLimiter,
    private readonly config: AppConfig,
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {}

  async request(dto: CodeRequestDto, ip: string | undefined): Promise<void> {
    assertOneContact(dto);
    await this.limits.enforce({ key: `code-request:${clientAddress(ip)}`, limit: CODE_REQUESTS_PER_ADDRESS_AN_HOUR, windowSeconds: 3600 });
    this.tenancy.enter(dto.municipalityId);
    const person = await this.substitutes.findForSignIn(dto.municipalityId, dto);
    if (!person) return;
    await this.uow.run(async () => {
      // Serialises one person's requests, so that the counts below cannot be raced past.
      await this.substitutes.lock(person.id);
      for (const limit of CODES_PER_PERSON) {
        if ((await this.codes.countSince(person.id, new Date(Date.now() - limit.minutes * 60_000))) >= limit.count) {
          this.logger.warn(`Substitute ${person.id}: more than ${limit.count} codes in ${limit.minutes} minutes asked for; none sent`);
          return;
        }
      }
      const id = randomUUID();
      const channel = dto.phone ? 'sms' : 'email';
      await this.codes.insert({
        id,
        municipalityId: dto.municipalityId,
        substituteId: person.id,
        channel,
        codeHash: codeHash(id, signInCode(this.config.offerTokenSecret, id)),
        expiresAt: new Date(Date.now() + CODE_TTL_MINUTES * 60_000),
      });
      const base = { municipalityId: dto.municipalityId, kind: 'sign_in_code', dedupeKey: `code:${id}:${channel}`, oneTimeCodeId: id };
      const email = signInCodeEmail({ firstName: person.firstName ?? '', code: CODE_PLACEHOLDER });
      await this.notifications.queue([
        channel === 'sms'
          ? { ...base, channel, recipient: person.phone!, body: signInCodeSms(CODE_PLACEHOLDER) }
          : { ...base, channel, recipient: person.email!, subject: email.subject, body: email.text, html: email.html },
      ]);
    });
  }

  async verify(dto: CodeVerifyDto, ip: string | undefined): Promise<SignedInDto> {
    assertOneContact(dto);
    await this.limits.enforce({ key: `code-answer:${clientAddress(ip)}`, limit: ANSWERS_PER_ADDRESS_A_QUARTER, windowSeconds: 900 });
    this.tenancy.enter(dto.municipalityId);
    const person = await this.substitutes.findForSignIn(dto.municipalityId, dto);
    if (!person) throw invalidCode();
    const answer = dto.code.trim();
    const signedIn = await this.uow.run(async () => {
      const code = await this.codes.live(person.id, MAX_WRONG_ANSWERS);
      const right = code !== null && codeMatches(code.id, code.codeHash, answer);
      if (code && right) await this.codes.use(code.id, person.id);
      else if (code) await this.codes.recordWrongAnswer(code.id);
      await this.audit.record({
        municipalityId: dto.municipalityId,
        actor: right ? { role: 'substitute', id: person.id } : { role: 'anonymous' },
        action: right ? 'signed_in' : 'sign_in_failed',
        entity: 'substitute',
        entityId: person.id,
        details: { method: 'code', address: clientAddress(ip) },
      });
      return right;
    });
    if (!signedIn) throw invalidCode();
    const actor = { id: person.id, role: 'substitute' as const, municipalityId: dto.municipalityId, unitIds: [] };
    return { accessToken: await this.auth.issueToken(actor), user: actor };
  }

  /** When codes were sent and used, for a person's data export. */
  sentTo(substituteId: string) {
    return this.codes.ofSubstitute(substituteId);
  }

  /** Inside a unit of work: forgets a person's codes (erasure). */
  forget(substituteId: string): Promise<void> {
    return this.codes.deleteOf(substituteId);
  }
}

function assertOneContact(dto: CodeRequestDto): void {
  if (!dto.phone === !dto.email) throw invalidField(dto.phone ? 'email' : 'phone', 'give either your mobile number or your email, one of them');
}
