import {
  createPartnerbook,
  fixedWindowRateLimiter,
  manualClock,
  type Store,
  sequentialIds,
} from "../../../src/index.js";
import { outboxMailer } from "../../../src/memory.js";
import { testSecret } from "../../support/builders.js";
import { Model, start, worldSpec } from "../model.js";
import { checkInvariants } from "./invariants.js";
import type { Real } from "./outcomes.js";

// Each run's start: the world built through the public API, and the model mirroring it.

/** A fresh, empty store per run: memory today, PGlite tomorrow. */
export type StoreFactory = () => Promise<Store>;

const inviteBaseUrl = "https://book.example/invite";
export const inviteUrlPattern = /https:\/\/book\.example\/invite\/[A-Za-z0-9_-]+/;

/**
 * The `setup` of `fc.asyncModelRun`: builds the world of {@link worldSpec} through the public
 * API on a fresh store, and the model that mirrors it. Without a mailer (`mailer: false`),
 * email invitations are expected to answer NOT_CONFIGURED.
 */
export function modelSetup(
  newStore: StoreFactory,
  options: { readonly mailer?: boolean } = {},
): () => Promise<{ model: Model; real: Real }> {
  return async () => {
    const clock = manualClock(start);
    const mailer = options.mailer === false ? null : outboxMailer();
    const book = createPartnerbook({
      store: await newStore(),
      clock,
      ids: sequentialIds(),
      ...(mailer === null ? {} : { mailer }),
      inviteBaseUrl,
      secret: testSecret,
      // R11 is not what this model is about: searches are effectively unlimited.
      searchLimiter: fixedWindowRateLimiter({ limit: 1_000_000, windowMs: 60_000 }),
    });
    const model = new Model({ mailer: mailer !== null });
    for (const spec of worldSpec) {
      const [adminSpec, ...others] = spec.members;
      if (adminSpec === undefined) throw new Error(`${spec.name} needs an admin`);
      const { organisation, admin } = await book.organisations.create({
        name: spec.name,
        plan: spec.plan,
        ...(spec.trashRetentionDays === undefined ? {} : { trashRetentionDays: spec.trashRetentionDays }),
        ...(spec.invitationExpiryDays === undefined
          ? {}
          : { invitationExpiryDays: spec.invitationExpiryDays }),
        admin: adminSpec,
      });
      model.addOrganisation(spec, organisation.id);
      model.addMember(adminSpec, admin.id);
      for (const memberSpec of others) {
        const member = await book.members.create(admin.id, memberSpec);
        model.addMember(memberSpec, member.id);
      }
    }
    await checkInvariants(model, book);
    // R1 held (checked just above); now every organisation links, so runs start where the
    // interesting things happen, and the commands switch it off again.
    for (const organisation of model.organisations) {
      if (organisation.enabled) continue;
      const admin = model.member(organisation.admins[0] ?? 0).id;
      await book.organisations.setLinkingPolicy(admin, organisation.id, { enabled: true });
      model.commitLinkingPolicy(organisation.index, { enabled: true });
    }
    return { model, real: { book, clock, mailer } };
  };
}
