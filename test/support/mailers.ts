import { unseal } from "../../src/app/secrets.js";
import type { MailMessage } from "../../src/index.js";
import type { MemoryStore, OutboxMailer } from "../../src/memory.js";
import { testSecret } from "./builders.js";

/** R20: the mail a memory store's outbox holds, unsealed (it is kept sealed with the book's secret). */
export async function queuedMail(store: MemoryStore, secret = testSecret): Promise<MailMessage[]> {
  const sealed = store.snapshot().outbox.map((entry) => entry.message);
  return Promise.all(sealed.map(async (message) => JSON.parse(await unseal(secret, message)) as MailMessage));
}

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
