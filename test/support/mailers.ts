import type { MailMessage } from "../../src/index.js";
import type { OutboxMailer } from "../../src/memory.js";

/** An {@link OutboxMailer} whose failing addresses can come back, as a mail server that was down. */
export interface RecoverableMailer extends OutboxMailer {
  /** Every send tried so far, failed or not, oldest first. */
  readonly attempts: readonly MailMessage[];
  /** Makes later sends to `address` succeed again (undoes `failFor`). */
  recover(address: string): void;
}

/** Like `outboxMailer()`, with {@link RecoverableMailer.recover} and a record of every attempt. */
export function recoverableMailer(): RecoverableMailer {
  const messages: MailMessage[] = [];
  const attempts: MailMessage[] = [];
  const failing = new Set<string>();
  return {
    messages,
    attempts,
    failFor: (address) => {
      failing.add(address.toLowerCase());
    },
    recover: (address) => {
      failing.delete(address.toLowerCase());
    },
    async send(message) {
      attempts.push(message);
      if (failing.has(message.to.toLowerCase())) throw new Error(`could not deliver to ${message.to}`);
      messages.push(message);
    },
  };
}
