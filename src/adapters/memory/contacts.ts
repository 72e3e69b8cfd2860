import type { Contact, LinkedContact, SyncedFields } from "../../domain/contact.js";
import type { ContactId, MemberId } from "../../domain/ids.js";
import type { ContactRepository } from "../../ports/store.js";
import { checkVersion, conflict } from "./conflicts.js";
import { listBook, listTrash } from "./contact-pages.js";
import type { ContactEntry, ContactTable } from "./contact-table.js";
import { trashKey } from "./contact-table.js";
import { frozenContact, syncedParts, withSynced } from "./stored-contact.js";
import type { UndoLog } from "./undo-log.js";

/** The memory store's contact repository: reads from the table's indexes, writes through the log. */
export function contactRepository(table: ContactTable, log: UndoLog): ContactRepository {
  /** Rewrites each contact in `ids` with `change`, as one logged write per contact. */
  const rewrite = (ids: readonly ContactId[], change: (contact: Contact) => Contact): number => {
    let count = 0;
    for (const id of ids) {
      const prev = table.get(id) as Contact;
      const next = change(prev);
      if (next === prev) continue;
      log.write(table.apply, prev, next, frozenContact);
      count++;
    }
    return count;
  };

  /**
   * R23: rewrites the synced part of each linked contact in `entries`. The fast path of the
   * store: nothing but the synced part and the shown text change, so the entries are updated
   * in place and the undo log gets each old record back.
   */
  const sync = (entries: readonly ContactEntry[], change: Partial<SyncedFields>): number => {
    const steps = log.steps();
    const partFor = syncedParts(change);
    for (const entry of entries) {
      const prev = entry.contact as LinkedContact;
      table.setSynced(entry, withSynced(prev, partFor));
      steps.push(table.setSynced, entry, prev);
    }
    return entries.length;
  };

  return {
    get: async (id) => table.get(id) ?? null,
    findByOwnerAndTarget: async (ownerId, targetId) => {
      const id = table.byPair.get(ownerId, targetId);
      return id === undefined ? null : (table.get(id) ?? null);
    },
    findByOwnerAndContactPoints: async (ownerId, points) =>
      table.byPoint.find(ownerId, points).map((id) => table.get(id) as Contact),
    countActive: async (organisationId) => table.countActive(organisationId),
    listBook: async (query) => listBook(table, query),
    listTrash: async (ownerId, page) => listTrash(table, ownerId, page),
    deleteDue: async (now, limit) => {
      const upTo = trashKey(now, "\uffff");
      const due: Contact[] = [];
      let more = false;
      for (
        const cursor = table.due.cursor(null);
        cursor.key !== undefined && cursor.key <= upTo;
        cursor.next()
      ) {
        if (due.length === limit) {
          more = true;
          break;
        }
        due.push(table.get(cursor.value) as Contact);
      }
      // Deleted after the walk: each delete takes its contact out of the index walked.
      for (const contact of due) log.write(table.apply, contact, undefined);
      const removed = due.map(({ id, organisationId, ownerId }) => ({ id, organisationId, ownerId }));
      return { removed, more };
    },
    sharedTargets: async (ownerA, ownerB) => {
      const targets: MemberId[] = [];
      for (const id of table.idsOf(ownerA)) {
        const contact = table.get(id) as Contact;
        if (contact.kind === "linked" && table.byPair.get(ownerB, contact.targetMemberId) !== undefined) {
          targets.push(contact.targetMemberId);
        }
      }
      return targets.sort();
    },
    insert: async (contact) => {
      if (table.byId.has(contact.id)) throw conflict(`${contact.id} exists`);
      table.checkPairFree(contact);
      log.write(table.apply, undefined, contact, frozenContact);
    },
    update: async (contact, expected) => {
      const stored = table.get(contact.id);
      checkVersion(stored, contact.id, expected);
      table.checkPairFree(contact);
      log.write(table.apply, stored, contact, frozenContact);
    },
    delete: async (id, expected) => {
      const stored = table.get(id);
      checkVersion(stored, id, expected);
      log.write(table.apply, stored, undefined);
    },
    syncMember: async (targetMemberId, synced) =>
      sync(table.byTarget.get(targetMemberId), { nickname: synced.nickname, photoUrl: synced.photoUrl }),
    syncCompany: async (organisationId, company) =>
      sync(table.byTargetOrganisation.get(organisationId), { company }),
    reassignOwner: async (from, to) => {
      const ids = table.idsOf(from);
      for (const id of ids) {
        const contact = table.get(id) as Contact;
        table.checkPairFree({ ...contact, id: "" as ContactId, ownerId: to });
      }
      return rewrite(ids, (contact) => ({ ...contact, ownerId: to, version: contact.version + 1 }));
    },
    removeGroup: async (groupId) =>
      rewrite(table.byGroup.get(groupId), (contact) => {
        const sharing = contact.sharing;
        return {
          ...contact,
          groups: contact.groups.filter((group) => group !== groupId),
          sharing:
            sharing.visibility === "members"
              ? { ...sharing, groups: sharing.groups.filter((group) => group !== groupId) }
              : sharing,
        };
      }),
    removeSharedMember: async (memberId) =>
      rewrite(table.bySharedMember.get(memberId), (contact) =>
        contact.sharing.visibility === "members"
          ? {
              ...contact,
              sharing: {
                ...contact.sharing,
                members: contact.sharing.members.filter((id) => id !== memberId),
              },
            }
          : contact,
      ),
  };
}
