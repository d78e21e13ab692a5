import { Transform } from 'class-transformer';

/** Trims surrounding white space from a string value; leaves other types for the validators to reject. */
export const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export const LowerTrim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));

/** An empty query parameter (`?status=`) means no filter, as a form that leaves a field blank sends it. */
export const EmptyAsAbsent = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));
