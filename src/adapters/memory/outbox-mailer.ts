import type { Mailer, MailMessage } from "../../ports/mailer.js";

/** A {@link Mailer} that keeps messages instead of sending them. */
export interface OutboxMailer extends Mailer {
  /** Every message accepted so far, oldest first. */
  readonly messages: readonly MailMessage[];
  /** Makes every later send to `address` fail, as an unreachable server would. */
  failFor(address: string): void;
}

/**
 * R17: an outbox for tests and examples — records what would have been sent.
 *
 * @example
 * const mailer = outboxMailer();
 * const book = createPartnerbook({ store: memoryStore(), mailer });
 * // … book.invitations.sendEmail(me, ["tanaka@example.jp"]) …
 * mailer.messages[0]?.text // contains the invite URL
 */
export function outboxMailer(): OutboxMailer {
  const messages: MailMessage[] = [];
  const failing = new Set<string>();
  return {
    messages,
    failFor: (address) => {
      failing.add(address.toLowerCase());
    },
    async send(message) {
      if (failing.has(message.to.toLowerCase())) throw new Error(`could not deliver to ${message.to}`);
      messages.push(message);
    },
  };
}
