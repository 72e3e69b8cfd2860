// Both-sides linking (R1–R6): both organisations must switch external linking on, both members
// must be in scope, and switching off suspends links without deleting anything.
import { createPartnerbook, manualClock } from "partnerbook";
import { memoryStore } from "partnerbook/memory";
import { expectRefusal, expectRule, say } from "./_narrate.js";

const book = createPartnerbook({
  store: memoryStore(),
  clock: manualClock(new Date("2026-04-01T09:00:00Z")),
});

say("Acme is on the standard plan, Globex on the free plan.");
const acme = await book.organisations.create({
  name: "Acme",
  plan: "standard",
  admin: { worksId: "admin@acme", displayName: "Acme Admin" },
});
const globex = await book.organisations.create({
  name: "Globex",
  plan: "free",
  admin: { worksId: "admin@globex", displayName: "Globex Admin" },
});
const sato = await book.members.create(acme.admin.id, { worksId: "sato@acme", displayName: "佐藤 花子" });
const lee = await book.members.create(globex.admin.id, { worksId: "lee@globex", displayName: "Lee Min" });

expectRule("R1", !acme.organisation.linking.enabled, "a paid plan starts with external linking off");
expectRule("R1", globex.organisation.linking.enabled, "the free plan starts with it on");

await expectRefusal("R10", "Sato cannot search while her own Acme is off", "LINKING_DISABLED", () =>
  book.search.byWorksId(sato.id, "lee@globex"),
);
const fromGlobex = await book.search.byWorksId(lee.id, "sato@acme");
expectRule("R10", fromGlobex.length === 0, "Lee finds nobody while Acme is off — and is not told why");

await expectRefusal("R6", "Sato, not an admin, cannot switch it on", "NOT_PERMITTED", () =>
  book.organisations.setLinkingPolicy(sato.id, acme.organisation.id, { enabled: true }),
);
await book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { enabled: true });
say("Acme's admin switches external linking on.");

const [card] = await book.search.byWorksId(sato.id, "lee@globex");
expectRule("R3", card !== undefined, "with both sides on, Sato finds Lee");
const { contact } = await book.contacts.addFromSearch(sato.id, lee.id);
let access = await book.contacts.talkAccess(sato.id, contact.id);
expectRule("R12", access.canTalk, "once added, Sato can talk to Lee at once");

await book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, { enabled: false });
say("Globex's admin switches external linking off.");
access = await book.contacts.talkAccess(sato.id, contact.id);
expectRule("R5", !access.canTalk && access.reason === "linking_suspended", "the link is suspended");
const book1 = await book.contacts.list(sato.id);
expectRule("R5", book1.items.length === 1, "but the contact is still in Sato's book");

await book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, { enabled: true });
access = await book.contacts.talkAccess(sato.id, contact.id);
expectRule("R5", access.canTalk, "switching back on resumes the link as it was");

await book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, {
  scope: { kind: "listed", members: [acme.admin.id] },
});
say("Acme narrows the scope to its admin only.");
access = await book.contacts.talkAccess(sato.id, contact.id);
expectRule("R2", !access.canTalk, "Sato, now outside the scope, cannot talk externally");
await book.organisations.setLinkingPolicy(acme.admin.id, acme.organisation.id, { scope: { kind: "all" } });

await book.organisations.setLinkingPolicy(globex.admin.id, globex.organisation.id, {
  partners: { kind: "block", organisations: [acme.organisation.id] },
});
say("Globex blocks Acme as a partner.");
access = await book.contacts.talkAccess(sato.id, contact.id);
expectRule("R4", !access.canTalk, "a block-list entry counts as 'not enabled', both ways");

const changes = [
  ...(await book.events.list(acme.admin.id, { organisationId: acme.organisation.id })),
  ...(await book.events.list(globex.admin.id, { organisationId: globex.organisation.id })),
].filter((event) => event.type === "linking_policy_changed");
expectRule(
  "R6",
  changes.length === 6,
  `${changes.length} policy changes recorded, each with before and after`,
);
