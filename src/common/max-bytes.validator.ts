import { registerDecorator } from 'class-validator';

/**
 * At most `max` bytes of UTF-8. For passwords: bcrypt reads only the first 72 bytes, so a longer one would
 * sign in with any tail (36 "å" are 72 bytes).
 */
export function MaxBytes(max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxBytes',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: () => `must be at most ${max} bytes (letters such as å, ä and ö take two)`,
      },
    });
}
