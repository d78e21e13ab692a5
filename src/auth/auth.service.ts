import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../common/errors';
import { AuditLog } from '../audit/audit-log.service';
import { clientAddress } from '../common/client-address';
import { Tenancy } from '../database/tenancy';
import { OrganisationService } from '../organisation/organisation.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import type { Actor, Role } from '../access/actor';
import { SignedInDto } from './dto/signed-in.dto';
import { SignInAttempts } from './sign-in-attempts';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  mun: string;
}

@Injectable()
export class AuthService {
  /** Compared against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly jwt: JwtService,
    private readonly organisation: OrganisationService,
    private readonly substitutes: SubstitutesService,
    private readonly config: AppConfig,
    private readonly attempts: SignInAttempts,
    private readonly tenancy: Tenancy,
    private readonly audit: AuditLog,
  ) {
    this.dummyHash = bcrypt.hash('not-a-real-password', config.BCRYPT_ROUNDS);
  }

  async login(email: string, password: string, ip?: string): Promise<SignedInDto> {
    await this.attempts.assertMayTry(email, ip);
    // Staff sign in by email alone, so whose account it is is looked up across municipalities.
    const user = await this.tenancy.acrossMunicipalities(() => this.organisation.findStaffUserByEmail(email));
    const matches = await bcrypt.compare(password, user?.passwordHash ?? (await this.dummyHash));
    // bcrypt reads 72 bytes; a longer password never matches, or any tail after them would.
    const right = user !== null && matches && Buffer.byteLength(password) <= 72;
    if (user) {
      await this.tenancy.within(user.municipalityId, () =>
        this.audit.record({
          municipalityId: user.municipalityId,
          actor: right ? { role: user.role, id: user.id } : { role: 'anonymous' },
          action: right ? 'signed_in' : 'sign_in_failed',
          entity: 'staff_user',
          entityId: user.id,
          details: { method: 'password', address: clientAddress(ip) },
        }),
      );
    }
    if (!user || !right) {
      await this.attempts.failed(email);
      throw new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
    }
    await this.attempts.succeeded(email);
    const actor: Actor = { id: user.id, role: user.role, municipalityId: user.municipalityId, unitIds: user.unitIds };
    return { accessToken: await this.issueToken(actor), user: { id: actor.id, role: actor.role, municipalityId: actor.municipalityId, unitIds: actor.unitIds } };
  }

  issueToken(actor: Pick<Actor, 'id' | 'role' | 'municipalityId'>): Promise<string> {
    const claims: AccessTokenClaims = { sub: actor.id, role: actor.role, mun: actor.municipalityId };
    return this.jwt.signAsync(claims);
  }

  /** The claims of a token we signed and that has not expired; null for any other. */
  async verifyToken(token: string): Promise<AccessTokenClaims | null> {
    try {
      return await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
  }

  /** Who a verified token speaks for, from current rows (a deleted user or changed units take effect at once). */
  async actorOf(claims: AccessTokenClaims): Promise<Actor | null> {
    if (claims.role === 'admin' || claims.role === 'manager') {
      const actor = await this.organisation.staffActor(claims.sub);
      return actor && actor.municipalityId === claims.mun ? actor : null;
    }
    if (claims.role === 'substitute' && (await this.substitutes.exists(claims.mun, claims.sub))) {
      return { id: claims.sub, role: 'substitute', municipalityId: claims.mun, unitIds: [] };
    }
    return null;
  }
}
