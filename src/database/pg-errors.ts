interface PgError {
  code?: string;
  constraint?: string;
}

const pgError = (error: unknown): PgError => ((error as { driverError?: PgError })?.driverError ?? (error as PgError)) ?? {};

export const isUniqueViolation = (error: unknown, constraint?: string) =>
  pgError(error).code === '23505' && (!constraint || pgError(error).constraint === constraint);

export const isExclusionViolation = (error: unknown, constraint?: string) =>
  pgError(error).code === '23P01' && (!constraint || pgError(error).constraint === constraint);

export const violatedConstraint = (error: unknown) => pgError(error).constraint;
