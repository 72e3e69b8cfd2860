// An address book in the browser on partnerbook: search and add an external user, add a
// customer by hand, edit (synced fields locked), trash and restore. Every button is one
// use-case; after each, the page is drawn again from the book, so what it shows is what the
// library decided.
import {
  type Contact,
  type ContactId,
  isPartnerbookError,
  type NewCustomerInput,
  type ProfileCard,
  type TalkAccess,
} from "partnerbook";
import { type Demo, openDemo, type StoreChoice } from "./demo.js";
import { byId, h, typedIn } from "./dom.js";
import { fillEditForm, patchFromEditForm } from "./edit-form.js";

const choice: StoreChoice =
  new URLSearchParams(location.search).get("store") === "pglite" ? "pglite" : "memory";

let demo: Demo;
let cards: readonly ProfileCard[] = [];
let query = "";
let editing: Contact | null = null;
let actions = 0;

function nameOf(contact: Contact): string {
  const name = [contact.fields.familyName, contact.fields.givenName].filter(Boolean).join(" ");
  return (
    name || (contact.kind === "customer" ? (contact.profile.company ?? "") : contact.synced.nickname) || "—"
  );
}

function describe(error: unknown): string {
  return isPartnerbookError(error) ? `${error.code}: ${error.message}` : String(error);
}

/**
 * Runs one user action, draws the page again from the book, then says how it went. The
 * message's `data-seq` counts finished actions, so a script driving the page knows when one is
 * done.
 */
async function act(action: () => Promise<string>): Promise<void> {
  let outcome: string;
  let kind: "ok" | "error" = "ok";
  try {
    outcome = await action();
  } catch (error) {
    outcome = `Refused: ${describe(error)}`;
    kind = "error";
  }
  try {
    await render();
  } catch (error) {
    outcome = `Could not draw the page: ${describe(error)}`;
    kind = "error";
  }
  const message = byId("message");
  message.textContent = outcome;
  message.dataset.kind = kind;
  message.dataset.seq = String(++actions);
}

function talkButton(contact: Contact, talk: TalkAccess): HTMLElement[] {
  const start = () => act(async () => `Talking with ${nameOf(contact)} (a chat app would open here).`);
  return [
    h("button", { type: "button", class: "talk-button", disabled: !talk.canTalk, click: start }, "Talk"),
    h("span", { class: "talk" }, talk.canTalk ? "talk: ok" : `talk: ${talk.reason}`),
  ];
}

function detailsOf(contact: Contact): string {
  const profile = contact.kind === "linked" ? contact.synced : contact.profile;
  const parts = [
    profile.nickname === null ? "" : `nickname ${profile.nickname}`,
    profile.company ?? "",
    contact.fields.memo === null ? "" : `memo: ${contact.fields.memo}`,
  ];
  return parts.filter(Boolean).join(" · ");
}

async function bookRow(contact: Contact, external: boolean): Promise<HTMLElement> {
  const { book, me } = demo;
  const talk = await book.contacts.talkAccess(me, contact.id);
  return h(
    "li",
    { "data-contact": contact.id },
    h("strong", { class: "name" }, nameOf(contact)),
    external ? h("span", { class: "mark" }, "external") : "",
    h("span", { class: "details" }, detailsOf(contact)),
    h("button", { type: "button", click: () => act(() => openEditor(contact.id)) }, "Edit"),
    h("button", { type: "button", click: () => act(() => moveToTrash(contact)) }, "Delete"),
    ...talkButton(contact, talk),
  );
}

async function trashRow(contact: Contact, daysLeft: number): Promise<HTMLElement> {
  const { book, me } = demo;
  const talk = await book.contacts.talkAccess(me, contact.id);
  const restore = async () => `Restored ${nameOf(await book.trash.restore(me, contact.id))}.`;
  const purge = async () => {
    await book.trash.purge(me, contact.id);
    return `${nameOf(contact)} is deleted for good.`;
  };
  return h(
    "li",
    { "data-contact": contact.id },
    h("strong", { class: "name" }, nameOf(contact)),
    h("span", { class: "details" }, `${daysLeft} days left`),
    h("button", { type: "button", click: () => act(restore) }, "Restore"),
    h("button", { type: "button", click: () => act(purge) }, "Delete forever"),
    ...talkButton(contact, talk),
  );
}

function cardRow(card: ProfileCard): HTMLElement {
  const add = async () => {
    const { status, contact } = await demo.book.contacts.addFromSearch(demo.me, card.memberId);
    return status === "added"
      ? `Added ${nameOf(contact)}; you can talk at once.`
      : `${nameOf(contact)} is already in your book.`;
  };
  const about = [card.nickname === null ? "" : `nickname ${card.nickname}`, card.company];
  return h(
    "li",
    {},
    h("strong", { class: "name" }, card.displayName),
    h("span", { class: "details" }, about.filter(Boolean).join(" · ")),
    h("button", { type: "button", click: () => act(add) }, "Add"),
  );
}

async function render(): Promise<void> {
  const { book, me, myOrganisation } = demo;
  const page = await book.contacts.list(me, { query, limit: 200 });
  byId("book").replaceChildren(
    ...(await Promise.all(page.items.map((entry) => bookRow(entry.contact, entry.external)))),
  );
  const trash = await book.trash.list(me, { limit: 200 });
  byId("trash").replaceChildren(
    ...(await Promise.all(trash.items.map((entry) => trashRow(entry.contact, entry.daysLeft)))),
  );
  byId("search-results").replaceChildren(...cards.map(cardRow));
  const events = await book.events.list(me, { organisationId: myOrganisation, limit: 1000 });
  byId("events").replaceChildren(...events.map((event) => h("li", {}, event.type)));
}

async function openEditor(id: ContactId): Promise<string> {
  editing = await demo.book.contacts.get(demo.me, id);
  fillEditForm(byId("edit-form"), editing);
  byId("editor-name").textContent = nameOf(editing);
  byId("editor").hidden = false;
  return `Editing ${nameOf(editing)} (version ${editing.version}).`;
}

function closeEditor(): void {
  editing = null;
  byId("editor").hidden = true;
}

async function moveToTrash(contact: Contact): Promise<string> {
  const { daysLeft } = await demo.book.trash.delete(demo.me, contact.id);
  if (editing?.id === contact.id) closeEditor();
  return `${nameOf(contact)} is in the trash, restorable for ${daysLeft} days.`;
}

async function save(): Promise<string> {
  if (editing === null) return "Nothing is open.";
  const patch = patchFromEditForm(byId("edit-form"), editing);
  if (patch === null) return "Nothing changed.";
  // R25: the version the form was filled from; a newer one is a conflict, not an overwrite.
  editing = await demo.book.contacts.edit(demo.me, editing.id, patch, { expectedVersion: editing.version });
  fillEditForm(byId("edit-form"), editing);
  return `Saved ${nameOf(editing)} (version ${editing.version}).`;
}

async function search(form: HTMLFormElement): Promise<string> {
  cards = await demo.book.search.byWorksId(demo.me, typedIn(form, "worksId"));
  // R10: "no such member", "not searchable" and "their side is off" are the same empty answer.
  return cards.length === 0 ? "No one found." : `Found ${cards.length}.`;
}

async function addCustomer(form: HTMLFormElement): Promise<string> {
  const optional = (name: string) => typedIn(form, name) || undefined;
  const phone = optional("phone");
  const email = optional("email");
  const input: NewCustomerInput = {
    familyName: optional("familyName"),
    givenName: optional("givenName"),
    familyNameReading: optional("familyNameReading"),
    company: optional("company"),
    phones: phone === undefined ? [] : [{ number: phone }],
    emails: email === undefined ? [] : [{ address: email }],
  };
  const contact = await demo.book.contacts.addCustomer(demo.me, input);
  form.reset();
  return `Added ${nameOf(contact)}.`;
}

async function changeLeesNickname(form: HTMLFormElement): Promise<string> {
  const nickname = typedIn(form, "nickname");
  await demo.book.members.updateProfile(demo.lee, { nickname });
  return `Lee's nickname is now ${nickname}; every contact linked to him follows.`;
}

type Worked = { ok: true; result: unknown } | { ok: false; error: string };

async function runWorker(): Promise<string> {
  const worker = new Worker(new URL("./edge-worker.js", import.meta.url), { type: "module" });
  try {
    const outcome = await new Promise<Worked>((resolve) => {
      worker.onmessage = (event: MessageEvent<Worked>) => resolve(event.data);
      worker.onerror = (event) => resolve({ ok: false, error: event.message });
    });
    const shown = byId("worker-result");
    shown.textContent = JSON.stringify(outcome.ok ? outcome.result : outcome.error, null, 2);
    shown.dataset.state = outcome.ok ? "done" : "failed";
    if (!outcome.ok) throw new Error(`the worker failed: ${outcome.error}`);
    return "The worker ran partnerbook and posted its results.";
  } finally {
    worker.terminate();
  }
}

function onSubmit(id: string, action: (form: HTMLFormElement) => Promise<string>): void {
  const form = byId<HTMLFormElement>(id);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void act(() => action(form));
  });
}

function wire(): void {
  onSubmit("search-form", search);
  onSubmit("customer-form", addCustomer);
  onSubmit("edit-form", save);
  onSubmit("lee-form", changeLeesNickname);
  onSubmit("book-filter", async (form) => {
    query = typedIn(form, "query");
    return query === "" ? "Showing the whole book." : `Showing what matches ${query}.`;
  });
  byId("editor-close").addEventListener("click", closeEditor);
  byId("run-worker").addEventListener("click", () => void act(runWorker));
  byId(choice === "memory" ? "use-memory" : "use-pglite").setAttribute("aria-current", "page");
}

async function start(): Promise<void> {
  const status = byId("status");
  try {
    demo = await openDemo(choice);
    wire();
    await render();
    const me = await demo.book.members.get(demo.me, demo.me);
    status.textContent = `Signed in as ${me.displayName} of Acme 株式会社 · book: ${demo.where}`;
    status.dataset.state = "ready";
    byId("app").hidden = false;
  } catch (error) {
    status.textContent = `Could not open the book: ${describe(error)}`;
    status.dataset.state = "failed";
  }
}

void start();
