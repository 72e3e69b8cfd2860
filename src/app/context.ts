import type { EventId, MemberId, OrganisationId } from "../domain/ids.js";
import type { Party } from "../domain/linking.js";
import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { Region } from "../domain/phone.js";
import { PartnerbookError } from "../errors.js";
import type { NewEvent, PartnerbookEvent } from "../events.js";
import type { Clock } from "../ports/clock.js";
import type { IdSource } from "../ports/ids.js";
import type { Mailer } from "../ports/mailer.js";
import type { RateLimiter } from "../ports/rate-limiter.js";
import type { MemberParty, ReadOptions, Store, StoreTransaction } from "../ports/store.js";
import { ownCopy } from "./own-copy.js";

/** An event as a use-case records it: `Omit` distributed over the union, so each keeps its fields. */
export type EventDraft = NewEvent extends infer E
  ? E extends unknown
    ? Omit<E, "id" | "at">
    : never
  : never;

/** One transaction plus the events it records; what every use-case works inside. */
export interface UnitOfWork extends StoreTransaction {
  readonly now: Date;
  /**
   * R35: records an event stamped with a new id and this unit's time. Events are appended when
   * the use-case is done, just before commit: taking an organisation's log is the last lock a
   * transaction takes (see {@link Store}).
   */
  record(event: EventDraft): Promise<void>;
}

/** What the use-cases share: the injected ports and the event listeners. */
export interface Context {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly defaultRegion: Region;
  readonly searchLimiter: RateLimiter;
  /** R17: `null` when the app gave none; email invitations then answer NOT_CONFIGURED. */
  readonly mailer: Mailer | null;
  /**
   * R13, R20: what QR tokens are derived from and queued mail is sealed with; `null` when the
   * app gave none (QR codes then answer NOT_CONFIGURED, and no mailer is accepted).
   */
  readonly secret: string | null;
  readonly inviteBaseUrl: string;
  readonly locale: "ja" | "en";
  /** How long one `mailer.send` may take before it counts as failed. */
  readonly mailTimeoutMs: number;
  /** The IANA time zone invitation mail shows its expiry in. */
  readonly mailTimeZone: string;
  /** Hears a listener that threw or rejected. */
  readonly onListenerError: (error: unknown, event: PartnerbookEvent) => void;
  readonly listeners: Set<(event: PartnerbookEvent) => unknown>;
}

/**
 * Runs `fn` in one store transaction with one reading of the clock. Listeners hear the
 * events only after the transaction committed, so they never see a step that was undone.
 */
export async function inTransaction<T>(ctx: Context, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  let recorded: PartnerbookEvent[] = [];
  // A store may run this more than once (a lost race is re-run): each run starts afresh.
  const result = await ctx.store.transaction(async (tx) => {
    const now = ctx.clock.now();
    const drafts: NewEvent[] = [];
    const uow: UnitOfWork = {
      ...tx,
      now,
      record: async (draft) => {
        drafts.push({ ...draft, id: ctx.ids.id("event") as EventId, at: now } as NewEvent);
      },
    };
    const value = await fn(uow);
    // All of them in one call (one statement on PostgreSQL), however many. Listeners hear them
    // grouped by organisation in id order; the stable sort keeps each log's own order.
    recorded = await tx.events.appendAll(drafts.sort(byOrganisation));
    return value;
  });
  for (const event of recorded) {
    for (const listener of ctx.listeners) notify(ctx, listener, event);
  }
  return result;
}

/**
 * Calls one listener with one event. The step has happened: a listener that throws, or returns
 * a promise that rejects, is reported to `onListenerError` and affects neither the caller nor
 * the other listeners (and never becomes an unhandled rejection).
 */
function notify(
  ctx: Context,
  listener: (event: PartnerbookEvent) => unknown,
  stored: PartnerbookEvent,
): void {
  // Each listener its own copy: what one listener does to its event, the next does not see.
  const event = ownCopy(stored);
  const report = (error: unknown) => {
    try {
      ctx.onListenerError(error, event);
    } catch {
      // The hook itself failed; there is nobody left to tell.
    }
  };
  try {
    const answer: unknown = listener(event);
    if (typeof (answer as PromiseLike<unknown> | null)?.then === "function") {
      Promise.resolve(answer).catch(report);
    }
  } catch (error) {
    report(error);
  }
}

const byOrganisation = (a: NewEvent, b: NewEvent): number =>
  a.organisationId < b.organisationId ? -1 : a.organisationId > b.organisationId ? 1 : 0;

/** Loads a member or fails with NOT_FOUND. */
export async function requireMember(
  uow: StoreTransaction,
  id: MemberId,
  options?: ReadOptions,
): Promise<Member> {
  const member = await uow.members.get(id, options);
  if (member === null) throw new PartnerbookError("NOT_FOUND", `no member ${id}`);
  return member;
}

/** Loads an organisation or fails with NOT_FOUND. */
export async function requireOrganisation(
  uow: StoreTransaction,
  id: OrganisationId,
  options?: ReadOptions,
): Promise<Organisation> {
  const organisation = await uow.organisations.get(id, options);
  if (organisation === null) throw new PartnerbookError("NOT_FOUND", `no organisation ${id}`);
  return organisation;
}

/**
 * The refusal for an acting member who does not exist: a caller's session or wiring is wrong,
 * which is not the same as asking for something that is not there (NOT_FOUND).
 */
export const unknownActor = (): PartnerbookError =>
  new PartnerbookError("UNKNOWN_ACTOR", "the acting member does not exist");

/** Loads the acting member or fails with UNKNOWN_ACTOR. */
export async function requireActor(
  uow: StoreTransaction,
  id: MemberId,
  options?: ReadOptions,
): Promise<Member> {
  const member = await uow.members.get(id, options);
  if (member === null) throw unknownActor();
  return member;
}

/**
 * Loads the acting member with the organisation whose policy governs them, and their groups;
 * fails with UNKNOWN_ACTOR.
 */
export async function loadParty(uow: StoreTransaction, id: MemberId): Promise<MemberParty> {
  const party = await uow.members.getParty(id);
  if (party === null) throw unknownActor();
  return party;
}

/** Loads a member's party, or `null` if the member no longer exists. */
export async function findParty(uow: StoreTransaction, id: MemberId): Promise<Party | null> {
  return uow.members.getParty(id);
}
