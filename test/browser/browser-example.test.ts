// The browser example (examples/browser/) in a real Chromium: bundled from the sources with
// esbuild, served from 127.0.0.1, driven through its buttons: the whole walk on the memory store,
// its core on PGlite persisted in IndexedDB, whose book (trash included) must survive a reload.
// A Web Worker runs the core and the memory store bundled for `platform: "neutral"` (no Node
// built-ins). Every wait is on the page's own signals, never on time.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleBrowserExample } from "../../examples/browser/bundle.js";
import { type StaticServer, serveStatic } from "../../examples/browser/static-server.js";

// Debian's chromium; .ci/run installs it. Without it this file fails: it never skips.
const chromiumPath = "/usr/bin/chromium";

let outdir: string | undefined;
let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium)`);
  }
  outdir = await mkdtemp(join(tmpdir(), "partnerbook-browser-test-"));
  await bundleBrowserExample(outdir);
  server = await serveStatic(outdir);
  // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start.
  browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  page = await browser.newPage();
  // PGlite's first start (initdb in WebAssembly) takes seconds on a busy machine.
  page.setDefaultTimeout(60_000);
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outdir !== undefined) await rm(outdir, { recursive: true, force: true });
});

async function open(store: "memory" | "pglite"): Promise<void> {
  await page.goto(`${server?.url}?store=${store}`);
  await waitUntilOpen();
}

async function waitUntilOpen(): Promise<void> {
  const status = page.locator("#status");
  await page.locator('#status:not([data-state="starting"])').waitFor();
  expect(await status.getAttribute("data-state"), (await status.textContent()) ?? "").toBe("ready");
}

/** Does one thing on the page and returns what the page said once the action finished. */
async function act(step: () => Promise<void>): Promise<{ text: string; kind: string }> {
  const message = page.locator("#message");
  const done = Number(await message.getAttribute("data-seq")) + 1;
  await step();
  await page.locator(`#message[data-seq="${done}"]`).waitFor({ state: "attached" });
  return { text: (await message.textContent()) ?? "", kind: (await message.getAttribute("data-kind")) ?? "" };
}

const rowOf = (list: "book" | "trash" | "search-results", name: string): Locator =>
  page.locator(`#${list} li`, { has: page.locator(".name", { hasText: name }) });

const namesIn = async (list: "book" | "trash"): Promise<string[]> =>
  (await page.locator(`#${list} li .name`).allTextContents()).sort();

const detailsOf = async (list: "book" | "trash", name: string): Promise<string> =>
  (await rowOf(list, name).locator(".details").textContent()) ?? "";

const talkOf = async (list: "book" | "trash", name: string) => ({
  enabled: await rowOf(list, name).locator(".talk-button").isEnabled(),
  says: await rowOf(list, name).locator(".talk").textContent(),
});

const click = (locator: Locator) => () => locator.click();
const button = (row: Locator, name: string) => row.getByRole("button", { name, exact: true });

async function search(worksId: string) {
  return act(async () => {
    await page.fill("#search-form [name=worksId]", worksId);
    await page.click("#search-form button");
  });
}

async function addCustomer(fields: Record<string, string>) {
  return act(async () => {
    for (const [name, value] of Object.entries(fields)) {
      await page.fill(`#customer-form [name=${name}]`, value);
    }
    await page.click("#customer-form button");
  });
}

async function filterBook(query: string) {
  return act(async () => {
    await page.fill("#book-filter [name=query]", query);
    await page.click("#book-filter button");
  });
}

async function leeChangesNickname(nickname: string) {
  return act(async () => {
    await page.fill("#lee-form [name=nickname]", nickname);
    await page.click("#lee-form button");
  });
}

const editField = (name: string) => page.locator(`#edit-form [name=${name}]`);
const saveEdit = () => page.getByRole("button", { name: "Save", exact: true }).click();

// The story in small steps, each with the rules it shows. The memory store takes them all; PGlite,
// where every use-case waits for IndexedDB, takes the ones that matter for a persisted book.

async function searchMisses(): Promise<void> {
  // R10: an unknown works ID is the same empty answer as every other miss.
  expect((await search("nobody@nowhere")).text).toBe("No one found.");
  expect(await page.locator("#search-results li").count()).toBe(0);
}

async function addLeeFromSearch(): Promise<void> {
  // R7, R9: case and spaces do not matter; the card shows name, nickname and company.
  expect((await search("  LEE@Globex ")).text).toBe("Found 1.");
  expect(await rowOf("search-results", "Lee Min").locator(".details").textContent()).toBe(
    "nickname Min · Globex",
  );
  // R12, R26: added from search, marked external, talk possible at once.
  const added = await act(click(button(rowOf("search-results", "Lee Min"), "Add")));
  expect(added.text).toBe("Added Lee Min; you can talk at once.");
  expect(await namesIn("book")).toEqual(["Lee Min"]);
  expect(await rowOf("book", "Lee Min").locator(".mark").textContent()).toBe("external");
  expect(await talkOf("book", "Lee Min")).toEqual({ enabled: true, says: "talk: ok" });
}

async function addingAgainKeepsOne(): Promise<void> {
  // R15: adding again returns the same contact; no duplicate.
  const again = await act(click(button(rowOf("search-results", "Lee Min"), "Add")));
  expect(again.text).toBe("Lee Min is already in your book.");
  expect(await namesIn("book")).toEqual(["Lee Min"]);
}

async function addNakamura(): Promise<void> {
  const added = await addCustomer({ familyName: "中村", givenName: "さくら", email: "sakura@example.jp" });
  expect(added.text).toBe("Added 中村 さくら.");
}

async function addCustomers(): Promise<void> {
  // R22: a customer needs a phone or an email; R14: with one, it is in the book, with no talk.
  const refused = await addCustomer({ familyName: "山田", givenName: "太郎" });
  expect(refused).toMatchObject({ kind: "error", text: expect.stringContaining("VALIDATION") });
  expect(await namesIn("book")).toEqual(["Lee Min"]);
  // The refused form keeps what was typed; the phone completes it.
  await addCustomer({ familyNameReading: "ヤマダ", phone: "03-1234-5678", company: "山田商店" });
  await addNakamura();
  expect(await namesIn("book")).toEqual(["Lee Min", "中村 さくら", "山田 太郎"]);
  expect(await rowOf("book", "山田 太郎").locator(".mark").count()).toBe(0);
  expect(await talkOf("book", "山田 太郎")).toEqual({ enabled: false, says: "talk: customer_contact" });

  // R28: hiragana finds the katakana reading.
  await filterBook("やまだ");
  expect(await namesIn("book")).toEqual(["山田 太郎"]);
  await filterBook("");
  expect(await namesIn("book")).toHaveLength(3);
}

const profileFields = ["nickname", "company", "photoUrl"];

async function customerProfileEditable(): Promise<void> {
  // R14: a customer's nickname, company and photo are the owner's to edit.
  await act(click(button(rowOf("book", "山田 太郎"), "Edit")));
  for (const name of profileFields) expect(await editField(name).isEnabled()).toBe(true);
}

async function syncedFieldsLocked(): Promise<void> {
  // R23: a linked contact's synced fields are shown read-only; the owner's own are editable.
  const opened = await act(click(button(rowOf("book", "Lee Min"), "Edit")));
  expect(opened.text).toBe("Editing Lee Min (version 1).");
  for (const name of profileFields) expect(await editField(name).isDisabled()).toBe(true);
  for (const name of ["familyName", "givenName", "memo"])
    expect(await editField(name).isEnabled()).toBe(true);
  expect(await editField("company").inputValue()).toBe("Globex");
  expect(await editField("photoUrl").inputValue()).toBe("https://example.com/photos/lee.png");
}

async function forcedSyncedEditRefused(): Promise<void> {
  // R25: a script that enables the input gets past the page, not past the library: the edit is
  // refused as a whole, naming the field, and its memo is not saved either.
  await page.evaluate("document.querySelector('#edit-form [name=company]').disabled = false");
  await editField("company").fill("Hacked Inc");
  await editField("memo").fill("should not be saved");
  const forced = await act(saveEdit);
  expect(forced.kind).toBe("error");
  expect(forced.text).toMatch(/^Refused: SYNCED_FIELD: company is synced/);
  expect(await detailsOf("book", "Lee Min")).toBe("nickname Min · Globex");
}

async function memoSaved(): Promise<void> {
  // R24: the owner's memo is saved on the version read.
  await act(click(button(rowOf("book", "Lee Min"), "Edit")));
  await editField("memo").fill("展示会で名刺交換");
  expect((await act(saveEdit)).text).toBe("Saved Lee Min (version 2).");
  expect(await detailsOf("book", "Lee Min")).toBe("nickname Min · Globex · memo: 展示会で名刺交換");
}

async function syncTrashAndRestore(): Promise<void> {
  // R23: Lee's own change reaches the contact.
  await leeChangesNickname("ミン");
  expect(await detailsOf("book", "Lee Min")).toBe("nickname ミン · Globex · memo: 展示会で名刺交換");

  // R31, R32: deleting moves to the trash, 30 days to restore, no talk meanwhile.
  const trashed = await act(click(button(rowOf("book", "Lee Min"), "Delete")));
  expect(trashed.text).toBe("Lee Min is in the trash, restorable for 30 days.");
  expect(await page.locator("#editor").isHidden()).toBe(true);
  expect(await namesIn("book")).toEqual(["中村 さくら", "山田 太郎"]);
  expect(await namesIn("trash")).toEqual(["Lee Min"]);
  expect(await detailsOf("trash", "Lee Min")).toBe("30 days left");
  expect(await talkOf("trash", "Lee Min")).toEqual({ enabled: false, says: "talk: in_trash" });

  // R32: restored as it was — the memo — with the synced part as it is now.
  await leeChangesNickname("ミンさん");
  expect((await act(click(button(rowOf("trash", "Lee Min"), "Restore")))).text).toBe("Restored Lee Min.");
  expect(await namesIn("trash")).toEqual([]);
  expect(await detailsOf("book", "Lee Min")).toBe("nickname ミンさん · Globex · memo: 展示会で名刺交換");
  expect(await talkOf("book", "Lee Min")).toEqual({ enabled: true, says: "talk: ok" });

  // R34: deleting from the trash is for good.
  await act(click(button(rowOf("book", "中村 さくら"), "Delete")));
  expect((await act(click(button(rowOf("trash", "中村 さくら"), "Delete forever")))).text).toBe(
    "中村 さくら is deleted for good.",
  );
  expect(await namesIn("trash")).toEqual([]);
  expect(await namesIn("book")).toEqual(["Lee Min", "山田 太郎"]);

  // R35: every step is an event; the refused ones left none.
  expect(await contactEvents()).toEqual([
    ...["contact_added", "contact_added", "contact_added", "contact_edited"],
    ...["contact_trashed", "contact_restored", "contact_trashed", "contact_purged"],
  ]);
}

async function contactEvents(): Promise<string[]> {
  const events = await page.locator("#events li").allTextContents();
  return events.filter((type) => type.startsWith("contact"));
}

describe("the browser example in Chromium", () => {
  it("R7–R35 on the memory store: search, add, edit with synced fields locked, trash and restore; a reload starts afresh", async () => {
    await open("memory");
    await searchMisses();
    await addLeeFromSearch();
    await addingAgainKeepsOne();
    await addCustomers();
    await customerProfileEditable();
    await syncedFieldsLocked();
    await forcedSyncedEditRefused();
    await memoSaved();
    await syncTrashAndRestore();
    await page.reload();
    await waitUntilOpen();
    expect(await namesIn("book")).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("R12, R23–R25, R31, R32, R35 on PGlite in IndexedDB: the book, trash included, survives a reload", async () => {
    await open("pglite");
    expect(await page.locator("#status").textContent()).toContain("PGlite on IndexedDB");
    await addLeeFromSearch();
    await addNakamura();
    await syncedFieldsLocked();
    await forcedSyncedEditRefused();
    await memoSaved();
    await act(click(button(rowOf("book", "中村 さくら"), "Delete")));

    await page.reload();
    await waitUntilOpen();
    expect(await namesIn("book")).toEqual(["Lee Min"]);
    expect(await detailsOf("book", "Lee Min")).toBe("nickname Min · Globex · memo: 展示会で名刺交換");
    expect(await talkOf("book", "Lee Min")).toEqual({ enabled: true, says: "talk: ok" });
    expect(await namesIn("trash")).toEqual(["中村 さくら"]);
    expect(await detailsOf("trash", "中村 さくら")).toBe("30 days left");
    expect(await talkOf("trash", "中村 さくら")).toEqual({ enabled: false, says: "talk: in_trash" });
    expect(await contactEvents()).toEqual([
      "contact_added",
      "contact_added",
      "contact_edited",
      "contact_trashed",
    ]);

    const restored = await act(click(button(rowOf("trash", "中村 さくら"), "Restore")));
    expect(restored.text).toBe("Restored 中村 さくら.");
    expect(await namesIn("book")).toEqual(["Lee Min", "中村 さくら"]);
    expect(problems).toEqual([]);
  });

  it("edge-style: the core and memory store bundled for platform neutral run in a Web Worker", async () => {
    const ran = await act(click(page.locator("#run-worker")));
    expect(ran).toEqual({ kind: "ok", text: "The worker ran partnerbook and posted its results." });
    const result = JSON.parse((await page.locator("#worker-result").textContent()) ?? "");
    expect(result).toEqual({
      found: "Lee Min",
      added: "added",
      syncedEdit: "SYNCED_FIELD",
      talkInTrash: "in_trash",
      talkAfterRestore: "ok",
      restoredMemo: "会った: 展示会",
      events: [
        "organisation_created",
        "member_created",
        "contact_added",
        "contact_edited",
        "contact_trashed",
        "contact_restored",
      ],
      token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      hasDocument: false,
    });
    expect(problems).toEqual([]);
  });
});
