// Error messages end up in logs, which are kept longer and read by more people than the book
// itself: a refusal names which phone or email it means without spelling it out.

/**
 * An email address as an error message may show it: the first character of the local part and
 * the domain. Anything without an `@` is shown as `***`.
 *
 * @example
 * maskEmail("taro@example.co.jp") // "t***@example.co.jp"
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return "***";
  const [first = ""] = email.slice(0, at);
  return `${first}***${email.slice(at)}`;
}

/**
 * A phone number as an error message may show it: its last two digits, and only when it has
 * enough digits that two of them identify nothing.
 *
 * @example
 * maskPhone("090-1234-5678") // "***78"
 * maskPhone("12345") // "***"
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  return digits.length >= 6 ? `***${digits.slice(-2)}` : "***";
}
