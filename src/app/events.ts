import * as z from "zod/mini";
import type { MemberId, OrganisationId } from "../domain/ids.js";
import { isAdmin } from "../domain/organisation.js";
import { PartnerbookError } from "../errors.js";
import type { PartnerbookEvent } from "../events.js";
import { memberIdSchema, organisationIdSchema } from "../schemas.js";
import { type Context, inTransaction, loadParty } from "./context.js";
import { parseInput } from "./validate.js";

/** R35: reading and following the event logs, one per organisation. */
export interface Events {
  /**
   * The organisation's events after `after` (a sequence number; 0 for the start), oldest first.
   * Its admins read every event; any other member of it reads the events about them — their
   * contacts, their own profile (`eventSubject`) — with the same sequences. Another
   * organisation's log is NOT_FOUND. Sequences are gap-free and become visible in order, so a
   * reader that pages with the last sequence it saw never skips an event, however many
   * processes write.
   */
  list(
    actor: MemberId,
    page: { organisationId: OrganisationId; after?: number | undefined; limit?: number | undefined },
  ): Promise<readonly PartnerbookEvent[]>;
  /**
   * Calls `listener` with each event once its transaction has committed. Returns `unsubscribe`.
   * A listener is wiring, not a read on someone's behalf: it hears every organisation's events,
   * so give it to code that acts for the app, and filter before showing anything to a member.
   */
  subscribe(listener: (event: PartnerbookEvent) => void): () => void;
}

const eventPageSchema = z.strictObject({
  organisationId: organisationIdSchema,
  after: z.optional(z.int().check(z.minimum(0))),
  limit: z.optional(z.int().check(z.minimum(1), z.maximum(1000))),
});

export function events(ctx: Context): Events {
  return {
    async list(actor, page) {
      const actorId = parseInput(memberIdSchema, actor, "actor");
      const { organisationId, after = 0, limit = 100 } = parseInput(eventPageSchema, page, "event page");
      return inTransaction(ctx, async (uow) => {
        const { organisation } = await loadParty(uow, actorId);
        // Another organisation's log is not the reader's to know of: the same answer as none.
        if (organisation.id !== organisationId) {
          throw new PartnerbookError("NOT_FOUND", "no such event log in your organisation");
        }
        return uow.events.list({
          organisationId,
          after,
          limit,
          ...(isAdmin(organisation, actorId) ? {} : { subjectId: actorId }),
        });
      });
    },

    subscribe(listener) {
      if (typeof listener !== "function") {
        throw new PartnerbookError("VALIDATION", "a listener must be a function", {
          issues: [{ path: ["listener"], message: "not a function" }],
        });
      }
      ctx.listeners.add(listener);
      return () => ctx.listeners.delete(listener);
    },
  };
}
