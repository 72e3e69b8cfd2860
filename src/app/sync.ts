import type { Member } from "../domain/member.js";
import type { Organisation } from "../domain/organisation.js";
import type { UnitOfWork } from "./context.js";

// R23: sync is applied at write time, in the transaction that changes the profile: one
// set-wide update over the contacts linked to the member (an index from target to contacts),
// so every read — get, list, a book query on the company — sees the current profile without
// looking the target up. Trashed contacts are updated too, so a restore is already current.

/** R23: a member's nickname or photo changed; every contact linked to them follows. */
export async function syncMemberProfile(uow: UnitOfWork, before: Member, after: Member): Promise<void> {
  const fields = (["nickname", "photoUrl"] as const).filter((key) => before[key] !== after[key]);
  if (fields.length === 0) return;
  const count = await uow.contacts.syncMember(after.id, {
    nickname: after.nickname,
    photoUrl: after.photoUrl,
  });
  if (count === 0) return;
  await uow.record({
    type: "contacts_synced",
    organisationId: after.organisationId,
    actorId: after.id,
    targetMemberId: after.id,
    fields,
    count,
  });
}

/** R23: an organisation was renamed; every contact linked to one of its members follows. */
export async function syncCompanyName(
  uow: UnitOfWork,
  actorId: Member["id"],
  after: Organisation,
): Promise<void> {
  const count = await uow.contacts.syncCompany(after.id, after.name);
  if (count === 0) return;
  await uow.record({
    type: "contacts_synced",
    organisationId: after.id,
    actorId,
    targetMemberId: null,
    fields: ["company"],
    count,
  });
}
