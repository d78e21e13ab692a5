import { registerDecorator, ValidationArguments } from 'class-validator';
import { parseApiTime } from './time';

/** An ISO 8601 time with an offset, or Europe/Stockholm wall-clock time that exists exactly once. */
export function IsApiTime(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isApiTime',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.length <= 40 && parseApiTime(value).ok,
        defaultMessage: (args: ValidationArguments) => {
          if (typeof args.value !== 'string' || args.value.length > 40) return 'must be an ISO 8601 time string';
          const result = parseApiTime(args.value);
          return result.ok ? 'is invalid' : result.problem;
        },
      },
    });
}

/** Reads a time that the validator has already accepted. */
export function apiTime(value: string): Date {
  const result = parseApiTime(value);
  if (!result.ok) throw new Error(`apiTime called with an unvalidated value: ${result.problem}`);
  return result.instant;
}
