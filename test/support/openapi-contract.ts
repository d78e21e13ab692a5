import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';

/** One JSON answer of the app, as a client received it. */
export interface RecordedResponse {
  method: string;
  /** The request path without the query. */
  path: string;
  /** Express's route pattern (`/api/v1/substitutes/:id`), when a route answered. */
  route?: string;
  status: number;
  body: unknown;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components?: { schemas?: Record<string, object> };
}

/** Express middleware that keeps every JSON answer, to be checked against the OpenAPI document. */
export function responseRecorder(records: RecordedResponse[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      records.push({
        method: req.method.toLowerCase(),
        path: req.originalUrl.split('?')[0],
        route: (req.route as { path?: string } | undefined)?.path,
        status: res.statusCode,
        body: JSON.parse(JSON.stringify(body ?? null)),
      });
      return json(body);
    };
    next();
  };
}

/**
 * Checks recorded answers against the document: the route and method must be documented, the status must be
 * one the operation declares, and the body must match that status's schema, with no field the schema does
 * not name. Answers to paths the document does not know (404 for a route that does not exist) must have the
 * error shape. Returns one line per mismatch.
 */
export function contractProblems(document: OpenApiDocument, records: RecordedResponse[]): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const schemas = closeObjects(document.components?.schemas ?? {}) as Record<string, object>;
  const compiled = new Map<string, ValidateFunction>();
  const validator = (key: string, schema: object) => {
    if (!compiled.has(key)) compiled.set(key, ajv.compile({ ...(closeObjects(schema) as object), components: { schemas } }));
    return compiled.get(key)!;
  };
  const templates = Object.keys(document.paths).map((template) => ({
    template,
    pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
  }));
  const problems: string[] = [];
  for (const record of records) {
    if (record.path.startsWith('/api/docs')) continue;
    const template = record.route
      ? record.route.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      : templates.find((t) => t.pattern.test(record.path))?.template;
    const label = `${record.method.toUpperCase()} ${template ?? record.path} → ${record.status}`;
    if (!template || !document.paths[template]) {
      const check = validator('#error', { $ref: '#/components/schemas/ErrorBodyDto' });
      if (record.status < 400 || !check(record.body)) problems.push(`${label}: not in the document${record.status >= 400 ? `, and not the error shape: ${ajv.errorsText(check.errors)}` : ''}`);
      continue;
    }
    const operation = document.paths[template][record.method];
    if (!operation) {
      if (record.status !== 404) problems.push(`${label}: the document has no ${record.method.toUpperCase()} for this path`);
      continue;
    }
    const response = operation.responses?.[String(record.status)];
    if (!response) {
      problems.push(`${label}: status not documented (documented: ${Object.keys(operation.responses ?? {}).join(', ')})`);
      continue;
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      problems.push(`${label}: answered JSON, but the document gives no JSON schema for it`);
      continue;
    }
    const check = validator(`${template} ${record.method} ${record.status}`, schema);
    if (!check(record.body)) problems.push(`${label}: ${ajv.errorsText(check.errors)} in ${JSON.stringify(record.body).slice(0, 300)}`);
  }
  return [...new Set(problems)];
}

/** Objects that name their properties get additionalProperties: false unless they say otherwise, so an undocumented field fails. */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = key === 'properties' || key === 'schemas' ? mapValues(value as Record<string, unknown>, closeObjects) : closeObjects(value);
  if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
  return out;
}

function mapValues(object: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}
