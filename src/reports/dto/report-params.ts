import { registerDecorator } from 'class-validator';
import { isLocalDate, isMonth } from '../report-period';

function requiredAs(name: string, test: (value: unknown) => boolean, shape: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: test,
        defaultMessage: (args) => (args?.value === undefined || args.value === '' ? `is required: ${shape}` : `must be ${shape}`),
      },
    });
}

/** A required query parameter: a calendar date, YYYY-MM-DD, in the years 2000 to 2099. */
export const IsLocalDate = () => requiredAs('isLocalDate', isLocalDate, 'a date such as 2027-01-31 (YYYY-MM-DD)');

/** A required query parameter: a month, YYYY-MM, in the years 2000 to 2099. */
export const IsMonth = () => requiredAs('isMonth', isMonth, 'a month such as 2027-01 (YYYY-MM)');
