import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../common/api-docs';
import type { Actor, Role } from './actor';

export const IS_PUBLIC = 'vb:isPublic';
export const ROLES = 'vb:roles';

const ALL_ROLES: Role[] = ['admin', 'manager', 'substitute'];

/** No token needed. A valid token, if sent, is still resolved (see OptionalActor). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Signed in with one of these roles; documented as such (bearer token, 401, and 403 for the other roles). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ...(ALL_ROLES.every((role) => roles.includes(role)) ? [ApiErrors(401)] : [ApiErrors(401, 403)]),
  );

export type RequestWithActor = Request & { actor?: Actor };

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | undefined => ctx.switchToHttp().getRequest<RequestWithActor>().actor,
);
