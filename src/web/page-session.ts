import { CanActivate, createParamDecorator, ExecutionContext, Injectable, NotFoundException, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Role } from '../access/actor';
import { WebSession, WebSessions } from '../auth/web-sessions.service';
import { AppConfig } from '../config/app-config';

export const SESSION_COOKIE = 'vb_session';
const VISITOR_CSRF_COOKIE = 'vb_csrf';

export type PageRequest = Request & { pageSession?: WebSession; csrfToken?: string };

/** Thrown to answer with a redirect (303: the browser follows it with a GET). */
export class RedirectTo extends Error {
  constructor(readonly location: string) {
    super(`Redirect to ${location}`);
  }
}

/** Thrown when a form post is not from our own page: no token, a wrong one, or another site. */
export class ForeignPost extends Error {}

const SIGNED_IN_AS = 'vb:pageRole';

/** The pages of a signed-in area: who may see them, and where to send anyone else to sign in. */
export const SignedInPages = (roles: Role[], signInPath: string) => SetMetadata(SIGNED_IN_AS, { roles, signInPath });

export function cookiesOf(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return cookies;
}

function sameToken(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Every page request: resolves the signed-in session (or sends a visitor of a signed-in area to sign in),
 * gives the page the token its forms carry, and refuses a post that lacks it or comes from another site.
 * Signed in, the token is the session's; a visitor's is kept in a cookie of its own (double submit).
 */
@Injectable()
export class PageGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessions,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<PageRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const area = this.reflector.getAllAndOverride<{ roles: Role[]; signInPath: string } | undefined>(SIGNED_IN_AS, [context.getHandler(), context.getClass()]);
    const session = await this.sessions.resolve(cookiesOf(req)[SESSION_COOKIE]);
    if (area) {
      if (!session) throw new RedirectTo(area.signInPath);
      if (!area.roles.includes(session.actor.role)) {
        // Staff on a page for other staff (a manager on the staffing team's) are told it is not theirs; anyone
        // else signs in where these pages are.
        const staffArea = area.roles.some((role) => role !== 'substitute');
        if (staffArea && session.actor.role !== 'substitute') throw new NotFoundException();
        throw new RedirectTo(area.signInPath);
      }
      req.pageSession = session;
      req.csrfToken = session.csrfToken;
    } else {
      req.csrfToken = this.visitorToken(req, res);
    }
    if (req.method === 'POST') {
      const body = req.body as { _csrf?: unknown } | undefined;
      if (!sameToken(body?._csrf, req.csrfToken) || !this.fromOurOrigin(req)) throw new ForeignPost();
    }
    return true;
  }

  private visitorToken(req: Request, res: Response): string {
    const existing = cookiesOf(req)[VISITOR_CSRF_COOKIE];
    if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
    const token = randomBytes(24).toString('base64url');
    res.cookie(VISITOR_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secureCookies(this.config), path: '/' });
    return token;
  }

  /** A browser names the page a form was posted from; when it does, it must be one of ours. */
  private fromOurOrigin(req: Request): boolean {
    const origin = req.headers.origin;
    if (!origin || origin === 'null') return true;
    return origin === new URL(this.config.PUBLIC_URL).origin || origin === `${req.protocol}://${req.get('host')}`;
  }
}

/** Cookies are Secure wherever the service is reached over https, and always in production. */
export function secureCookies(config: AppConfig): boolean {
  return config.isProduction || config.PUBLIC_URL.startsWith('https://');
}

export const PageSession = createParamDecorator((_: unknown, ctx: ExecutionContext): WebSession => {
  const session = ctx.switchToHttp().getRequest<PageRequest>().pageSession;
  if (!session) throw new Error('PageSession used outside a signed-in area');
  return session;
});

export const CsrfToken = createParamDecorator((_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<PageRequest>().csrfToken ?? '');
