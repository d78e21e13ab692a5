import * as bcrypt from 'bcrypt';

export const PASSWORD_MIN_LENGTH = 10;

export function hashPassword(password: string, rounds: number): Promise<string> {
  return bcrypt.hash(password, rounds);
}
