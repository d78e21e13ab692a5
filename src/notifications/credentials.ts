import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Credentials that messages carry (an offer's link token, a sign-in code) are derived from their row's id by
 * HMAC under OFFER_TOKEN_SECRET, so a retried delivery can rebuild them; they are never stored. A stored
 * text holds a placeholder of the same length, put back at send time.
 */

/** An offer's token: 256 bits, URL-safe base64 (43 characters). Only its SHA-256 is stored, for look-up. */
export function offerToken(secret: string, offerId: string): string {
  return createHmac('sha256', secret).update(`offer:${offerId}`).digest('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Stands in for the token in a stored offer text; as long as a token, so the text's length is final. */
export const TOKEN_PLACEHOLDER = '{{offer-token}}'.padEnd(43, '_');

export const offerLink = (publicUrl: string, token: string) => `${publicUrl.replace(/\/+$/, '')}/o/${token}`;

/** A sign-in code: six digits from the code row's id. */
export function signInCode(secret: string, codeId: string): string {
  const value = createHmac('sha256', secret).update(`sign-in-code:${codeId}`).digest().readUInt32BE(0);
  return String(value % 1_000_000).padStart(6, '0');
}

/** What is stored to check an answer: the SHA-256 of the row's id and the code. */
export const codeHash = (codeId: string, code: string) => createHash('sha256').update(`${codeId}:${code}`).digest('hex');

/** Whether an answer is the code, compared in constant time. */
export function codeMatches(codeId: string, storedHash: string, answer: string): boolean {
  return timingSafeEqual(Buffer.from(codeHash(codeId, answer), 'hex'), Buffer.from(storedHash, 'hex'));
}

/** Stands in for a sign-in code in a stored text. */
export const CODE_PLACEHOLDER = '{{code}}';

/** Puts the credentials back into a stored text. */
export function withCredentials(text: string, secret: string, refs: { offerId: string | null; oneTimeCodeId: string | null }): string {
  let out = text;
  if (refs.offerId) out = out.split(TOKEN_PLACEHOLDER).join(offerToken(secret, refs.offerId));
  if (refs.oneTimeCodeId) out = out.split(CODE_PLACEHOLDER).join(signInCode(secret, refs.oneTimeCodeId));
  return out;
}
