// partnerbook as an edge function would run it: the core and the memory store, bundled for
// esbuild's `platform: "neutral"` (no Node built-ins, no browser globals), in a Web Worker. It
// walks a short story and posts what the library answered.
import { createPartnerbook, isPartnerbookError, randomIds } from "partnerbook";
import { memoryStore } from "partnerbook/memory";

async function refusalOf(step: () => Promise<unknown>): Promise<string> {
  try {
    await step();
    return "none";
  } catch (error) {
    return isPartnerbookError(error) ? error.code : String(error);
  }
}

async function story() {
  const book = createPartnerbook({ store: memoryStore() });
  const { admin: sato } = await book.organisations.create({
    name: "Acme 株式会社",
    admin: { worksId: "sato@acme", displayName: "佐藤 花子" },
  });
  await book.organisations.create({
    name: "Globex",
    admin: { worksId: "lee@globex", displayName: "Lee Min", nickname: "Min" },
  });
  const [card] = await book.search.byWorksId(sato.id, " LEE@globex ");
  if (card === undefined) throw new Error("R7: Lee should be found");
  const { status, contact } = await book.contacts.addFromSearch(sato.id, card.memberId);
  const edited = await book.contacts.edit(
    sato.id,
    contact.id,
    { memo: "会った: 展示会" },
    { expectedVersion: contact.version },
  );
  // A caller without types (JSON from a form) naming a synced field.
  const syncedEdit = await refusalOf(() =>
    book.contacts.edit(sato.id, contact.id, { company: "x" } as never, { expectedVersion: edited.version }),
  );
  await book.trash.delete(sato.id, contact.id);
  const talkInTrash = await book.contacts.talkAccess(sato.id, contact.id);
  const restored = await book.trash.restore(sato.id, contact.id);
  const talkAfterRestore = await book.contacts.talkAccess(sato.id, contact.id);
  const events = await book.events.list(sato.id, { organisationId: sato.organisationId });
  return {
    found: card.displayName,
    added: status,
    syncedEdit,
    talkInTrash: talkInTrash.reason,
    talkAfterRestore: talkAfterRestore.reason,
    restoredMemo: restored.fields.memo,
    events: events.map((event) => event.type),
    token: randomIds.token(),
    hasDocument: "document" in globalThis,
  };
}

story().then(
  (result) => postMessage({ ok: true, result }),
  (error: unknown) => postMessage({ ok: false, error: String(error) }),
);
