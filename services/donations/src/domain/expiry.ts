/**
 * Whether a lot is past its date on `asOf` (both Asia/Seoul calendar days): the expiry day
 * itself is still good, the day after is not. Lots without a date never expire.
 */
export function isExpired(expiresOn: string | undefined, asOf: string): boolean {
  return expiresOn !== undefined && expiresOn < asOf;
}
