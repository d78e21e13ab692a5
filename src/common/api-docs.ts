import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from './errors';

export class ErrorDetailDto {
  @ApiProperty({ example: 'shifts.0.end' })
  field: string;

  @ApiProperty({ example: 'must be after start' })
  problem: string;
}

/** The one error shape of the API. */
export class ErrorBodyDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  /** Stable: clients switch on this, never on the message. */
  @ApiProperty({ enum: Object.values(ErrorCode), example: ErrorCode.VALIDATION_FAILED })
  code: string;

  @ApiProperty({ example: 'Invalid request: shifts.0.end must be after start.' })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];

  /** Only on a 500: quote it when reporting the error. */
  @ApiPropertyOptional()
  errorId?: string;
}

const MEANING: Record<number, string> = {
  400: 'The request is invalid: `details` names each field and its problem.',
  401: 'No valid sign-in: send "Authorization: Bearer <accessToken>".',
  403: 'Your role may not do this.',
  404: 'Not found, or not yours to see.',
  409: 'Conflicts with the current state: `code` says how.',
  410: 'No longer available: `code` says why.',
  413: 'The request body is too large.',
  415: 'The body must be JSON (Content-Type: application/json).',
  429: 'Too many requests: wait for the time in Retry-After.',
  500: 'Our fault: the body carries an errorId that is logged.',
  503: 'A dependency is down: `details` names it.',
};

/** Documents the error statuses a route can give, each with the one error shape. */
export const ApiErrors = (...statuses: HttpStatus[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status] ?? 'Error', type: ErrorBodyDto })));

const WRITE_METHODS = ['post', 'put', 'patch'];

/**
 * Adds the errors every route can give, once, instead of on each route: 429 and 500 everywhere; 400 wherever
 * there is a parameter or a body; 413 and 415 wherever there is a JSON body.
 */
export function addCommonErrors(document: OpenAPIObject): OpenAPIObject {
  const error = (status: number) => ({ description: MEANING[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } } });
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(methods) as [string, { parameters?: unknown[]; requestBody?: { content?: Record<string, unknown> }; responses: Record<string, unknown> }][]) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      const statuses = [429, 500];
      if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody) statuses.push(400);
      if (WRITE_METHODS.includes(method) && operation.requestBody?.content?.['application/json']) statuses.push(413, 415);
      for (const status of statuses) operation.responses[status] ??= error(status);
    }
  }
  return document;
}
