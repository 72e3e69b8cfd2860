// The limits of R21 as every reader of files applies them, whatever the format.

/**
 * The lengths partnerbook takes (src/schemas.ts, R21), so that what a reader gives feeds
 * `contacts.addCustomer` without a VALIDATION error on length or characters.
 */
export const fieldLimits = {
  name: 100,
  nickname: 100,
  label: 100,
  tag: 100,
  department: 200,
  title: 200,
  company: 200,
  phone: 40,
  email: 254,
  address: 1000,
  website: 1000,
  messenger: 1000,
  customValue: 1000,
  photoUrl: 2000,
  memo: 4000,
  /** R21: items in each list. */
  items: 100,
} as const;

/** Cuts text to `max` UTF-16 units (zod counts those) without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}
