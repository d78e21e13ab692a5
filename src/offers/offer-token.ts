import { createHash, createHmac } from 'node:crypto';

/**
 * An offer's token is an HMAC of its id, so a retried delivery can rebuild the link; only the SHA-256 of
 * the token is stored, for look-up. 256 bits, URL-safe base64 (43 characters).
 */
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
