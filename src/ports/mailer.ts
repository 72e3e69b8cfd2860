/** One email partnerbook wants delivered. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly locale: "ja" | "en";
}

/**
 * R17: where invitation emails go. `send` resolves once the message is accepted for delivery
 * and rejects if it was not; a rejected send leaves that invitation uncreated.
 */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
