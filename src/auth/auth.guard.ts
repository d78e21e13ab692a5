import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError, ErrorCode, forbidden } from '../common/errors';
import { Tenancy } from '../database/tenancy';
import type { Role } from '../access/actor';
import { IS_PUBLIC, RequestWithActor, ROLES } from '../access/access.decorators';
import { AuthService } from './auth.service';

const unauthenticated = (message: string) => new AppError(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, message);

/** Resolves the bearer token on every request, scoping the request to its municipality; enforces @Public and @Roles. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly tenancy: Tenancy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);

    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <accessToken>".');
      const claims = await this.auth.verifyToken(match[1]);
      // From here on the request sees only the rows of the token's municipality.
      if (claims) this.tenancy.enter(claims.mun);
      const actor = claims && (await this.auth.actorOf(claims));
      if (!actor) throw unauthenticated('The access token is invalid or has expired. Sign in again.');
      request.actor = actor;
    }
    if (isPublic) return true;
    if (!request.actor) throw unauthenticated('Sign in first: send "Authorization: Bearer <accessToken>".');
    if (roles && !roles.includes(request.actor.role)) throw forbidden();
    return true;
  }
}
