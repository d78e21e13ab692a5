import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../access/actor';
import { AppConfig } from '../config/app-config';
import { Tenancy } from '../database/tenancy';
import { tokenHash } from '../notifications/credentials';
import { OrganisationService } from '../organisation/organisation.service';
import { SubstitutesService } from '../substitutes/substitutes.service';
import { WebSessionRepository } from './web-session.repository';

export interface WebSession {
  actor: Actor;
  /** Every form of the session posts it back. */
  csrfToken: string;
}

/**
 * Signed-in browsers. The cookie holds 256 random bits; only their SHA-256 is stored. The person behind a
 * session is read afresh on every request, so an erased substitute or a deleted user is signed out at once.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly sessions: WebSessionRepository,
    private readonly organisation: OrganisationService,
    private readonly substitutes: SubstitutesService,
    private readonly config: AppConfig,
    private readonly tenancy: Tenancy,
  ) {}

  async start(actor: Actor): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_SECONDS * 1000);
    // A sign-in page is nobody's yet: the session is written as the municipality of the person it is for.
    await this.tenancy.within(actor.municipalityId, () =>
      this.sessions.insert({
        tokenHash: tokenHash(token),
        municipalityId: actor.municipalityId,
        role: actor.role,
        subjectId: actor.id,
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt,
      }),
    );
    return { token, expiresAt };
  }

  /** The person signed in by a session cookie; the request is from then on their municipality's. */
  async resolve(token: string | undefined): Promise<WebSession | null> {
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    // Whose session a cookie is cannot be known before it is looked up.
    const session = await this.tenancy.acrossMunicipalities(() => this.sessions.findLive(tokenHash(token)));
    if (!session) return null;
    this.tenancy.enter(session.municipalityId);
    if (session.role === 'substitute') {
      if (!(await this.substitutes.exists(session.municipalityId, session.subjectId))) return null;
      return { actor: { id: session.subjectId, role: 'substitute', municipalityId: session.municipalityId, unitIds: [] }, csrfToken: session.csrfToken };
    }
    const actor = await this.organisation.staffActor(session.subjectId);
    return actor && actor.municipalityId === session.municipalityId ? { actor, csrfToken: session.csrfToken } : null;
  }

  async end(token: string | undefined): Promise<void> {
    if (token) await this.sessions.delete(tokenHash(token));
  }

  /** Ends every session of a person (erased). */
  endAllOf(subjectId: string): Promise<void> {
    return this.sessions.deleteOf(subjectId);
  }
}
