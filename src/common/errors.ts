import { HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  field: string;
  problem: string;
}

/** The stable error codes of the API. Clients switch on these, never on messages. */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  INVALID_CODE: 'INVALID_CODE',
  SUBSTITUTE_EXISTS: 'SUBSTITUTE_EXISTS',
  USER_EXISTS: 'USER_EXISTS',
  VACANCY_TAKEN: 'VACANCY_TAKEN',
  OFFER_WITHDRAWN: 'OFFER_WITHDRAWN',
  OFFER_EXPIRED: 'OFFER_EXPIRED',
  OFFER_ANSWERED: 'OFFER_ANSWERED',
  SCHEDULE_CONFLICT: 'SCHEDULE_CONFLICT',
  INVALID_STATE: 'INVALID_STATE',
  RATE_LIMITED: 'RATE_LIMITED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A domain error with a stable code; the exception filter turns it into the API's error shape. */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Response headers that go with the error, such as Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(HttpStatus.NOT_FOUND, ErrorCode.NOT_FOUND, `${what} was not found.`);

/** More details than anyone reads only make the answer large (a body of 5,000 unknown fields names each). */
export const MAX_ERROR_DETAILS = 100;

export const validationFailed = (message: string, details: ErrorDetail[] = []) =>
  new AppError(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_FAILED, message, details.slice(0, MAX_ERROR_DETAILS));

export const invalidField = (field: string, problem: string) =>
  validationFailed(`${field} ${problem}`, [{ field, problem }]);

export const forbidden = (message = 'Your role may not do this.') =>
  new AppError(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN, message);

export const invalidState = (message: string) => new AppError(HttpStatus.CONFLICT, ErrorCode.INVALID_STATE, message);

export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RATE_LIMITED, 'Too many requests. Wait a moment and try again.', [], { 'Retry-After': String(retryAfterSeconds) });
