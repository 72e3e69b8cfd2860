import { describe, expect, it } from "vitest";
import { asContactId, asOrganisationId } from "../../src/index.js";
import {
  aCustomerRecord,
  anOrganisationRecord,
  aSeededStore,
  lee,
  org1,
  sato,
} from "./memory-store-world.js";

/** Lets every other pending task run: a transaction that is not isolated would interleave here. */
const otherTasksRun = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("isolation", () => {
  it("concurrent transactions run one after the other", async () => {
    const store = await aSeededStore();
    const steps: string[] = [];
    const first = store.transaction(async (tx) => {
      steps.push("first starts");
      await tx.organisations.insert(anOrganisationRecord(asOrganisationId("org_new")));
      await otherTasksRun();
      steps.push("first ends");
    });
    const second = store.transaction(async (tx) => {
      steps.push("second starts");
      const seen = await tx.organisations.get(asOrganisationId("org_new"));
      steps.push("second ends");
      return seen;
    });
    await first;
    expect((await second)?.id).toBe("org_new");
    expect(steps).toEqual(["first starts", "first ends", "second starts", "second ends"]);
  });

  it("a concurrent transaction never sees writes that are later rolled back", async () => {
    const store = await aSeededStore();
    const first = store.transaction(async (tx) => {
      await tx.organisations.insert(anOrganisationRecord(asOrganisationId("org_new")));
      await tx.contacts.insert(aCustomerRecord("con_new", sato, org1));
      await otherTasksRun();
      throw new Error("boom");
    });
    const second = store.transaction(async (tx) => ({
      organisation: await tx.organisations.get(asOrganisationId("org_new")),
      contact: await tx.contacts.get(asContactId("con_new")),
      active: await tx.contacts.countActive(org1),
    }));
    await expect(first).rejects.toThrow("boom");
    expect(await second).toEqual({ organisation: null, contact: null, active: 2 });
  });

  it("a transaction that throws does not block the ones queued behind it", async () => {
    const store = await aSeededStore();
    const failing = store.transaction(async () => {
      throw new Error("boom");
    });
    const next = store.transaction((tx) => tx.members.get(lee));
    await expect(failing).rejects.toThrow("boom");
    expect((await next)?.id).toBe(lee);
  });
});
