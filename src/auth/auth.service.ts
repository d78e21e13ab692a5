import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../config/app-config';
import { AppError, ErrorCode } from '../common/errors';
import { OrganisationService } from '../organisation/organisation.service';
import type { AccessTokenClaims, Actor } from './actor';

export interface SignedIn {
  accessToken: string;
  user: { id: string; role: Actor['role']; municipalityId: string; unitIds: string[] };
}

@Injectable()
export class AuthService {
  /** Compared against when the email is unknown, so both paths take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly jwt: JwtService,
    private readonly organisation: OrganisationService,
    private readonly config: AppConfig,
  ) {
    this.dummyHash = bcrypt.hash('not-a-real-password', config.BCRYPT_ROUNDS);
  }

  async login(email: string, password: string): Promise<SignedIn> {
    const user = await this.organisation.findStaffUserByEmail(email);
    const matches = await bcrypt.compare(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !matches) {
      throw new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
    }
    const actor = await this.organisation.staffActor(user.id);
    if (!actor) throw new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.INVALID_CREDENTIALS, 'The email or password is wrong.');
    return { accessToken: await this.issueToken(actor), user: { id: actor.id, role: actor.role, municipalityId: actor.municipalityId, unitIds: actor.unitIds } };
  }

  issueToken(actor: Pick<Actor, 'id' | 'role' | 'municipalityId'>): Promise<string> {
    const claims: AccessTokenClaims = { sub: actor.id, role: actor.role, mun: actor.municipalityId };
    return this.jwt.signAsync(claims);
  }

  /** A verified token resolved against current rows (a deleted user or changed units take effect at once). */
  async resolveToken(token: string): Promise<Actor | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    if (claims.role === 'admin' || claims.role === 'manager') {
      const actor = await this.organisation.staffActor(claims.sub);
      return actor && actor.municipalityId === claims.mun ? actor : null;
    }
    return null;
  }
}
