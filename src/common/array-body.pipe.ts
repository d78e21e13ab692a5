import { Injectable, PipeTransform, Type } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationFailed } from './errors';
import { flattenValidationErrors } from './validation';

/** Validates a body that is a JSON array of objects of one DTO class (the global pipe only handles objects). */
@Injectable()
export class ArrayBodyPipe<T extends object> implements PipeTransform<unknown, T[]> {
  constructor(
    private readonly itemClass: Type<T>,
    private readonly maxItems: number,
  ) {}

  transform(body: unknown): T[] {
    if (!Array.isArray(body)) throw validationFailed('The body must be a JSON array.', [{ field: 'body', problem: 'must be an array' }]);
    if (body.length > this.maxItems) {
      throw validationFailed(`The body may hold at most ${this.maxItems} items.`, [{ field: 'body', problem: `must have at most ${this.maxItems} items` }]);
    }
    const details = body.flatMap((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return [{ field: `${i}`, problem: 'must be an object' }];
      const instance = plainToInstance(this.itemClass, item);
      const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
      return flattenValidationErrors(errors, `${i}`);
    });
    if (details.length > 0) {
      throw validationFailed(`Invalid request: ${details.slice(0, 3).map((d) => `${d.field} ${d.problem}`).join('; ')}.`, details);
    }
    return body.map((item) => plainToInstance(this.itemClass, item));
  }
}

/** Validates a body that is a JSON array of UUIDs, removing duplicates. */
@Injectable()
export class UuidArrayBodyPipe implements PipeTransform<unknown, string[]> {
  constructor(private readonly maxItems: number) {}

  transform(body: unknown): string[] {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!Array.isArray(body)) throw validationFailed('The body must be a JSON array of ids.', [{ field: 'body', problem: 'must be an array of ids' }]);
    if (body.length > this.maxItems) {
      throw validationFailed(`The body may hold at most ${this.maxItems} ids.`, [{ field: 'body', problem: `must have at most ${this.maxItems} items` }]);
    }
    const details = body.flatMap((item, i) => (typeof item === 'string' && uuid.test(item) ? [] : [{ field: `${i}`, problem: 'must be a UUID' }]));
    if (details.length > 0) throw validationFailed('Every item must be an id (UUID).', details);
    return [...new Set((body as string[]).map((id) => id.toLowerCase()))];
  }
}
