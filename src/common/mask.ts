/** A recipient as logs may show it: enough to tell messages apart, not enough to contact anyone. */
export function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient[0]}***${recipient.slice(at)}`;
  return recipient.length > 5 ? `${recipient.slice(0, 4)}${'*'.repeat(recipient.length - 6)}${recipient.slice(-2)}` : '***';
}
