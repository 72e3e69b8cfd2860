// Invitations (R17–R20): a bulk email invitation with per-address results, an invite link shared
// as a URL and as a QR code, redeeming links both ways, and the expired / used-up / revoked refusals.
import { mkdir, writeFile } from "node:fs/promises";
import { createPartnerbook, type MemberId, manualClock } from "partnerbook";
import { memoryStore, outboxMailer } from "partnerbook/memory";
import { qrCodeSvg } from "partnerbook/qr";
import { expectRefusal, expectRule, jst, say, short, shortUrls } from "./_narrate.js";

const day = 24 * 60 * 60 * 1000;
const clock = manualClock(new Date("2026-04-01T09:00:00+09:00"));
const mailer = outboxMailer();
const book = createPartnerbook({
  store: memoryStore(),
  clock,
  mailer,
  inviteBaseUrl: "https://talk.example.jp/invite",
  // R20: queued mail is sealed with it; in production it comes from your secret manager.
  secret: "example only: in production, from your secret manager",
});

const acme = await book.organisations.create({
  name: "株式会社アクメ",
  admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
});
const globex = await book.organisations.create({
  name: "Globex",
  admin: { worksId: "lee@globex", displayName: "Lee Min" },
});
const initech = await book.organisations.create({
  name: "イニテック",
  admin: { worksId: "suzuki@initech", displayName: "鈴木 一郎" },
});
const sato = acme.admin;
const lee = globex.admin;
const suzuki = initech.admin;

/** Whether `owner`'s book holds `target` as a linked contact. */
async function holds(owner: MemberId, target: MemberId): Promise<boolean> {
  const page = await book.contacts.list(owner);
  return page.items.some((e) => e.contact.kind === "linked" && e.contact.targetMemberId === target);
}

say("Sato pastes four addresses into the invite box — one malformed, one repeated in capitals.");
const results = await book.invitations.sendEmail(sato.id, [
  "suzuki@initech.example",
  "tanaka@@example",
  "min.lee@globex.example",
  "SUZUKI@Initech.example",
]);
for (const r of results) say(`  ${r.email.padEnd(24)} → ${r.status}`);
expectRule(
  "R17",
  results.map((r) => r.status).join() === "sent,invalid_address,sent,duplicate_in_request",
  "one result per address, in order; the bad one does not sink the batch",
);
say(`The outbox holds ${mailer.messages.length} messages:`);
for (const mail of mailer.messages) {
  say(`  to ${mail.to} — ${mail.subject}`);
  for (const line of mail.text.split("\n").filter(Boolean).slice(0, 3)) say(`    ${shortUrls(line)}`);
}
expectRule("R17", mailer.messages.length === 2, "one email per valid, distinct address");

const link = await book.invitations.createLink(sato.id, { maxUses: 10 });
say(
  `${jst(clock.now())}: Sato creates an invite link, up to 10 uses, until ${jst(link.invitation.expiresAt)}:`,
);
say(`  ${short(link.url)}`);
const out = new URL("./out/", import.meta.url);
await mkdir(out, { recursive: true });
const svg = qrCodeSvg(link.url);
await writeFile(new URL("invite-qr.svg", out), svg);
expectRule(
  "R18",
  svg.startsWith("<svg"),
  `the same link as a QR code: examples/out/invite-qr.svg (${svg.length} bytes)`,
);

say("Lee (Globex) opens the link from a chat message.");
const byLink = await book.invitations.redeem(lee.id, link.url);
expectRule("R19", byLink.status === "added", "Lee's book gains Sato");
expectRule(
  "R19",
  (await holds(lee.id, sato.id)) && (await holds(sato.id, lee.id)),
  "both books now hold each other (contacts.list of Lee and of Sato)",
);

const emailed = mailer.messages.find((mail) => mail.to === "suzuki@initech.example");
const emailedUrl = emailed?.text.match(/https:\/\/\S+/)?.[0] ?? "";
say(`Suzuki (イニテック) clicks the link in his email: ${short(emailedUrl)}`);
await book.invitations.redeem(suzuki.id, emailedUrl);
expectRule(
  "R19",
  (await holds(suzuki.id, sato.id)) && (await holds(sato.id, suzuki.id)),
  "Suzuki and Sato hold each other",
);
await expectRefusal(
  "R20",
  "an emailed link is single-use: Lee cannot use Suzuki's",
  "INVITATION_USED_UP",
  () => book.invitations.redeem(lee.id, emailedUrl),
);

const pending = await book.invitations.listPending(sato.id);
expectRule("R18", pending.length === 2, "still pending: the link (1 of 10 uses) and min.lee's email");
clock.advance(14 * day);
say(`Fourteen days pass: it is ${jst(clock.now())}.`);
await expectRefusal("R20", "the link has expired", "INVITATION_EXPIRED", () =>
  book.invitations.redeem(suzuki.id, link.url),
);

const second = await book.invitations.createLink(sato.id);
await book.invitations.revoke(sato.id, second.invitation.id);
say("Sato creates another link, then thinks better of it and revokes it.");
await expectRefusal("R19", "a revoked link says so", "INVITATION_REVOKED", () =>
  book.invitations.redeem(suzuki.id, second.url),
);

const suzukiBook = await book.contacts.list(suzuki.id);
expectRule(
  "R19",
  suzukiBook.items.length === 1,
  "the refused redeems changed nothing: Suzuki's book still holds just Sato",
);
expectRule(
  "R20",
  (await book.invitations.listPending(sato.id)).length === 0,
  "after 14 days nothing is pending",
);
