import { Param, ParseUUIDPipe } from '@nestjs/common';
import { invalidField } from './errors';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => invalidField(name, 'must be a UUID') }));
