/** One email partnerbook wants delivered. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly locale: "ja" | "en";
  /**
   * The same for every delivery of the same message. Delivery is at least once (a process may
   * stop after the mail left and before that was recorded): pass the key to your mail service,
   * or drop a message whose key you have seen.
   */
  readonly idempotencyKey: string;
}

/**
 * R17: where invitation emails go. `send` resolves once the message is accepted for delivery
 * and rejects if it was not. It runs after the invitation committed, from the outbox: a
 * rejected or timed-out send leaves the message queued for the next delivery run.
 */
export interface Mailer {
  /** Hands one message over for delivery; rejects if it was not accepted. */
  send(message: MailMessage): Promise<void>;
}
