import { createHash } from "node:crypto";
import { expect } from "vitest";
import {
  createPartnerbook,
  type ErrorCode,
  fixedWindowRateLimiter,
  type IdSource,
  type Invitation,
  type InvitationId,
  type LinkedContact,
  type Member,
  type MemberId,
  manualClock,
  PartnerbookError,
  type PartnerbookOptions,
  sequentialIds,
} from "../../src/index.js";
import { memoryStore } from "../../src/memory.js";
import { aMember, anOrganisation, start, testSecret, type World } from "./builders.js";
import { type RecoverableMailer, recoverableMailer } from "./mailers.js";

// The invitation tests' world: a mailer with an outbox, a known invite URL, and ways to read
// what was sent and stored.

export const inviteBaseUrl = "https://app.example.com/invite";
export const minute = 60_000;
export const hour = 60 * minute;
export const day = 24 * hour;

/** A world that can send invitations: an outbox mailer and a known invite base URL. */
export interface InvitingWorld extends World {
  readonly outbox: RecoverableMailer;
}

/**
 * A fresh world with an outbox mailer (unless `mailer: false`) and sequential ids (or, with
 * `random: true`, the default random ids and tokens).
 */
export function anInvitingWorld(
  options: { mailer?: boolean; locale?: "ja" | "en"; random?: boolean; ids?: IdSource } = {},
): InvitingWorld {
  const store = memoryStore();
  const clock = manualClock(start);
  const outbox = recoverableMailer();
  const settings: PartnerbookOptions = {
    store,
    clock,
    inviteBaseUrl,
    secret: testSecret,
    searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    ...(options.random === true ? {} : { ids: options.ids ?? sequentialIds() }),
    ...(options.mailer === false ? {} : { mailer: outbox }),
    ...(options.locale === undefined ? {} : { locale: options.locale }),
  };
  return { book: createPartnerbook(settings), store, clock, outbox };
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The token of an invite URL, checking the URL is `<inviteBaseUrl>/<token>`. */
export function tokenOf(url: string): string {
  expect(url.startsWith(`${inviteBaseUrl}/`)).toBe(true);
  return url.slice(inviteBaseUrl.length + 1);
}

/** The invite URL in the latest mail to `address`. */
export function mailedUrl(world: InvitingWorld, address: string): string {
  const mail = world.outbox.messages.findLast((message) => message.to === address);
  const url = mail?.text.match(/https:\/\/app\.example\.com\/invite\/\S+/)?.[0];
  if (url === undefined) throw new Error(`no invite URL mailed to ${address}`);
  return url;
}

/** A member of a fresh organisation of their own, linking on. */
export async function anExternalMember(world: World, input: { email?: string } = {}): Promise<Member> {
  return aMember(world, await anOrganisation(world), input);
}

/** The error `step` was refused with; fails the test if it was not refused. */
export async function refusalOf(step: Promise<unknown>): Promise<PartnerbookError> {
  try {
    await step;
  } catch (error) {
    if (error instanceof PartnerbookError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Asserts `step` is refused with `code` and leaves the store exactly as it was. */
export async function expectRefusedUnchanged(world: World, step: () => Promise<unknown>, code: ErrorCode) {
  const before = world.store.snapshot();
  expect((await refusalOf(step())).code).toBe(code);
  expect(world.store.snapshot()).toEqual(before);
}

export function linkedContactOf(world: World, owner: MemberId, target: MemberId): LinkedContact | undefined {
  return world.store
    .snapshot()
    .contacts.find(
      (contact): contact is LinkedContact =>
        contact.kind === "linked" && contact.ownerId === owner && contact.targetMemberId === target,
    );
}

export function storedInvitation(world: World, id: InvitationId | null): Invitation | undefined {
  return world.store.snapshot().invitations.find((invitation) => invitation.id === id);
}
