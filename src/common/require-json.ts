import type { NextFunction, Request, Response } from 'express';
import { ErrorCode } from './errors';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The JSON API takes JSON bodies only: a body of another type would otherwise reach the handler as empty
 * and a PATCH would "succeed" changing nothing. Webhooks (form-encoded) and the offer page's forms are exempt.
 */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  const isApi = req.path.startsWith('/api/v1/') && !req.path.startsWith('/api/v1/webhooks/');
  if (!WRITES.has(req.method) || !hasBody || !isApi || req.is('application/json')) return next();
  res.status(415).json({
    statusCode: 415,
    error: 'Unsupported Media Type',
    code: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    message: 'Send the body as JSON with "Content-Type: application/json".',
    details: [{ field: 'Content-Type', problem: 'must be application/json' }],
  });
}
