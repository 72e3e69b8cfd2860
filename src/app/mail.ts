import * as z from "zod/mini";
import type { InvitationId } from "../domain/ids.js";
import { maskEmail } from "../domain/masking.js";
import { PartnerbookError } from "../errors.js";
import type { Mailer, MailMessage } from "../ports/mailer.js";
import type { OutboxItem } from "../ports/store.js";
import type { Context } from "./context.js";
import { requireSecret, unseal } from "./secrets.js";
import { parseInput } from "./validate.js";

// R17 after commit: invitation mail waits in the store's outbox, written in the transaction that
// created the invitation, and leaves from here. A message is leased while it is being sent, so
// two delivery runs (two processes) never send it at once; a run that stops mid-way leaves the
// lease to run out and the message is sent again — at least once, with a stable idempotency key.

/** What one delivery run did. */
export interface DeliveryReport {
  /** Messages the mailer accepted in this run. */
  readonly delivered: number;
  /** Messages the mailer refused or did not answer in time; each is due again later. */
  readonly failed: number;
  /** Messages still in the outbox after this run, due now or later. */
  readonly pending: number;
}

/** Sending the mail partnerbook queued (the outbox). */
export interface Mail {
  /**
   * Hands up to `limit` due messages (default 100) to the mailer, each within the mailer
   * timeout. Safe to run from several processes at once and as often as you like: run it on a
   * timer (every few seconds) in one or more of your processes, so that a mail whose first
   * attempt failed, or whose process stopped, still leaves.
   */
  deliverPending(options?: { limit?: number | undefined }): Promise<DeliveryReport>;
}

/** The outbox key of an invitation's mail: one pending mail per invitation. */
export const mailKeyOf = (invitationId: InvitationId): string => `invitation:${invitationId}`;

const minuteMs = 60_000;

/** When a message that failed `attempts` times is due again: 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number): number => Math.min(60 * minuteMs, minuteMs * 2 ** attempts);

/** How long a claimed message is kept from other runs: longer than any one send may take. */
const leaseMs = (ctx: Context): number => Math.max(5 * minuteMs, 3 * ctx.mailTimeoutMs);

/** `send`, or a rejection once `ms` passed without an answer. */
async function sendWithin(mailer: Mailer, message: Parameters<Mailer["send"]>[0], ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the mailer did not answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([mailer.send(message), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * R20: the mail an outbox item holds, unsealed with the app's secret. A message queued before
 * mail was sealed is the mail's plain JSON and is sent as it is. One sealed with another secret
 * throws, and so fails like a refused send: it stays queued with the reason as its last error.
 */
async function openMessage(ctx: Context, item: OutboxItem): Promise<MailMessage> {
  const json = item.message.startsWith("{")
    ? item.message
    : await unseal(requireSecret(ctx, "email invitations"), item.message);
  return JSON.parse(json) as MailMessage;
}

/**
 * What a failure is recorded as: the error's own words, short (no stack, no payload), with any
 * address in them masked — a mail service's error often names the recipient, and the outbox
 * keeps it longer than the mail.
 */
const failureOf = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error))
    .slice(0, 400)
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, maskEmail)
    .slice(0, 200);

/** Claims due messages (only `keys` when given), sends each, records each outcome. */
export async function deliverMail(
  ctx: Context,
  mailer: Mailer,
  page: { readonly limit: number; readonly keys?: readonly string[] },
  /** Collects the keys delivered, also when a later step throws. */
  deliveredKeys: Set<string> = new Set(),
): Promise<Omit<DeliveryReport, "pending"> & { readonly deliveredKeys: ReadonlySet<string> }> {
  let failed = 0;
  if (page.limit > 0) {
    const now = ctx.clock.now();
    const claimed = await ctx.store.transaction((tx) =>
      tx.outbox.claim({ ...page, now, until: new Date(now.getTime() + leaseMs(ctx)) }),
    );
    for (const item of claimed) {
      try {
        await sendWithin(mailer, await openMessage(ctx, item), ctx.mailTimeoutMs);
      } catch (error) {
        failed++;
        const retryAt = new Date(ctx.clock.now().getTime() + retryDelayMs(item.attempts));
        await ctx.store.transaction((tx) =>
          tx.outbox.failed(item.key, item.idempotencyKey, retryAt, failureOf(error)),
        );
        continue;
      }
      await ctx.store.transaction((tx) => tx.outbox.delivered(item.key, item.idempotencyKey));
      deliveredKeys.add(item.key);
    }
  }
  return { delivered: deliveredKeys.size, failed, deliveredKeys };
}

const deliveryOptionsSchema = z.optional(
  z.strictObject({ limit: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))) }),
);

export function mail(ctx: Context): Mail {
  return {
    async deliverPending(options) {
      const limit = parseInput(deliveryOptionsSchema, options, "delivery options")?.limit ?? 100;
      const mailer = ctx.mailer;
      if (mailer === null) {
        throw new PartnerbookError("NOT_CONFIGURED", "no mailer was given to createPartnerbook");
      }
      const { delivered, failed } = await deliverMail(ctx, mailer, { limit });
      const pending = await ctx.store.transaction((tx) => tx.outbox.countPending());
      return { delivered, failed, pending };
    },
  };
}
