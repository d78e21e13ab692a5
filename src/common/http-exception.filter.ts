import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppError, ErrorCode, ErrorDetail } from './errors';

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
  errorId?: string;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.SERVICE_UNAVAILABLE,
};

/** Writes every error in the one shape of DESIGN.md; a 500 carries an id that is logged, never a stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const body = this.toBody(exception, request);
    if (exception instanceof AppError) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    if (body.statusCode === HttpStatus.TOO_MANY_REQUESTS && !response.getHeader('Retry-After')) {
      response.setHeader('Retry-After', '60');
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof AppError) {
      return shape(exception.status, exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception);
    }
    const bodyParserError = exception as { type?: string; status?: number };
    if (bodyParserError?.type === 'entity.parse.failed') {
      return shape(400, ErrorCode.MALFORMED_REQUEST, 'The request body is not valid JSON.', [{ field: 'body', problem: 'must be a JSON object or array' }]);
    }
    if (bodyParserError?.type === 'entity.too.large') {
      return shape(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.');
    }
    if (typeof bodyParserError?.status === 'number' && bodyParserError.status >= 400 && bodyParserError.status < 500) {
      const code = bodyParserError.status === 400 ? ErrorCode.MALFORMED_REQUEST : (CODE_BY_STATUS[bodyParserError.status] ?? ErrorCode.VALIDATION_FAILED);
      return shape(bodyParserError.status, code, 'The request could not be read.');
    }
    const errorId = randomUUID();
    this.logger.error({ errorId, method: request.method, path: request.route?.path ?? 'unknown', err: exception }, 'Unhandled error');
    return { ...shape(500, ErrorCode.INTERNAL_ERROR, `Something went wrong on our side. Quote error id ${errorId} when you report it.`), errorId };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const response = exception.getResponse() as string | { message?: unknown; code?: string; error?: unknown };
    if (status === HttpStatus.SERVICE_UNAVAILABLE && typeof response === 'object' && 'error' in response && response.error && typeof response.error === 'object') {
      // Terminus health check failure: name what is down.
      const down = Object.keys(response.error as object);
      return shape(503, ErrorCode.SERVICE_UNAVAILABLE, `Unhealthy: ${down.join(', ')} down.`,
        down.map((field) => ({ field, problem: 'is down' })));
    }
    const message = typeof response === 'string' ? response : Array.isArray(response.message) ? response.message.join('; ') : String(response.message ?? exception.message);
    if (status === HttpStatus.BAD_REQUEST && !(typeof response === 'object' && response.code)) {
      // Our own 400s are AppErrors. A bare one is Nest's translation of an error thrown before any handler ran:
      // the JSON body did not parse (a SyntaxError) or the path did not decode (a URIError).
      if (/^Failed to decode param/.test(message)) {
        return shape(400, ErrorCode.MALFORMED_REQUEST, 'The request path could not be decoded: check its percent-encoding.', [{ field: 'path', problem: 'is not validly percent-encoded' }]);
      }
      return shape(400, ErrorCode.MALFORMED_REQUEST, `The request body is not valid JSON (${message.slice(0, 200)}).`, [
        { field: 'body', problem: 'must be a JSON object or array' },
      ]);
    }
    const code = (typeof response === 'object' && response.code) || CODE_BY_STATUS[status] || (status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED);
    return shape(status, code, humanise(status, message));
  }
}

function humanise(status: number, message: string): string {
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE)/.test(message)) return 'There is no such route.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  return message;
}

function shape(statusCode: number, code: string, message: string, details: ErrorDetail[] = []): ErrorBody {
  const error = (HttpStatus[statusCode] ?? 'Error')
    .toString()
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
  return { statusCode, error, code, message, details };
}
