import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, validationFailed } from './errors';

/** Flattens class-validator errors into `{ field, problem }` pairs with dotted paths (`shifts.0.end`). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  return errors.flatMap((error) => {
    // An error about the value as a whole (forbidUnknownValues) has no property of its own.
    const property = error.property === undefined || error.property === null || error.property === '' ? '' : String(error.property);
    const field = parent && property ? `${parent}.${property}` : parent || property || 'body';
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      problem: rule === 'whitelistValidation' ? 'is not a known field' : rule === 'unknownValue' ? 'must be an object' : stripField(message, property),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function stripField(message: string, property: string): string {
  return property && message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** Deeper JSON than any request of the API needs; deeper input is refused before anything recurses into it. */
export const MAX_INPUT_DEPTH = 16;

/** Half of a UTF-16 surrogate pair without its other half: not text, and it makes some validators throw. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Names no field of the API has, and that class-transformer would take for the object's own machinery. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode text';
  return null;
}

/**
 * Problems no DTO rule catches: nesting too deep to walk safely, reserved field names, and text that
 * validators choke on or PostgreSQL cannot store (NUL, broken surrogate pairs). Walks iteratively, so that
 * hostile nesting cannot overflow the stack.
 */
export function inputProblems(value: unknown, root: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  let visited = 0;
  while (stack.length > 0 && details.length < 10) {
    const { value: current, path, depth } = stack.pop()!;
    if (++visited > 100_000) {
      details.push({ field: root || 'body', problem: 'holds too many values' });
      break;
    }
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) details.push({ field: path || 'body', problem });
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      details.push({ field: path || 'body', problem: `is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) {
        details.push({ field: path || 'body', problem: `has a field name that ${keyProblem}` });
      } else if (RESERVED_KEYS.has(key)) {
        details.push({ field: childPath, problem: 'is not a known field' });
      } else {
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return details;
}

const UNCHECKED_TYPES: unknown[] = [String, Boolean, Number, Object, Buffer, Date];

/**
 * The global pipe: class-validator DTOs, after a walk that refuses what would break the validator or the database.
 * The walk covers what is validated: DTO classes and arrays (read by ArrayBodyPipe and UuidArrayBodyPipe). A handler
 * that takes its input as it comes (`unknown`, such as a provider's webhook that must always answer 200) is left alone.
 */
@Injectable()
export class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const checked = metadata.metatype === Array || (typeof metadata.metatype === 'function' && !UNCHECKED_TYPES.includes(metadata.metatype));
    if (checked && (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param')) {
      const details = inputProblems(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (details.length > 0) throw validationFailed(`Invalid request: ${summarise(details)}.`, details);
    }
    return super.transform(value, metadata);
  }
}

function summarise(details: ErrorDetail[]): string {
  return details
    .slice(0, 3)
    .map((d) => `${d.field} ${d.problem}`)
    .join('; ');
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return validationFailed(details.length ? `Invalid request: ${summarise(details)}.` : 'Invalid request.', details);
    },
  });
}
