import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyOwnerFields } from "../../src/domain/contact.js";
import {
  asContactId,
  asMemberId,
  asOrganisationId,
  type Contact,
  daysLeft,
  isGone,
  isRestorable,
  privateSharing,
  type TrashState,
  trashStateAt,
} from "../../src/index.js";

const hour = 3_600_000;
const day = 24 * hour;

/** A customer contact with the given trash state; only `trash` matters to these rules. */
function aContact(trash: TrashState | null): Contact {
  const at = new Date("2026-01-01T00:00:00.000Z");
  return {
    id: asContactId("con_1"),
    kind: "customer",
    ownerId: asMemberId("mem_1"),
    organisationId: asOrganisationId("org_1"),
    profile: { nickname: null, company: null, photoUrl: null },
    fields: { ...emptyOwnerFields, familyName: "Sato" },
    groups: [],
    sharing: privateSharing,
    trash,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

const later = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

/** Instants from 1970 to 2200, at any millisecond. */
const anInstant = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }).map((ms) => new Date(ms));
const aRetention = fc.integer({ min: 1, max: 365 });

describe("trashStateAt", () => {
  it("R32: purgeAt is the deletion instant plus retention × 24 hours, exactly", () => {
    const trashedAt = new Date("2026-04-01T09:15:30.123Z");
    expect(trashStateAt(trashedAt, 30)).toEqual({
      trashedAt,
      purgeAt: new Date("2026-05-01T09:15:30.123Z"),
    });
    expect(trashStateAt(trashedAt, 7).purgeAt).toEqual(new Date("2026-04-08T09:15:30.123Z"));
    expect(trashStateAt(trashedAt, 1).purgeAt).toEqual(new Date("2026-04-02T09:15:30.123Z"));
  });

  it("R32: for every instant and retention, purgeAt - trashedAt = retention × 86,400,000 ms", () => {
    fc.assert(
      fc.property(anInstant, aRetention, (now, retention) => {
        const state = trashStateAt(now, retention);
        expect(state.trashedAt.getTime()).toBe(now.getTime());
        expect(state.purgeAt.getTime() - now.getTime()).toBe(retention * day);
      }),
    );
  });

  describe.each([
    {
      zone: "America/New_York",
      // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
      springBefore: "2026-03-07T12:00:00-05:00",
      springAfter: "2026-03-08T13:00:00-04:00",
      fallBefore: "2026-10-31T12:00:00-04:00",
      fallAfter: "2026-11-01T11:00:00-05:00",
    },
    {
      zone: "Europe/Berlin",
      // 2026-03-29 02:00 CET → 03:00 CEST; 2026-10-25 03:00 CEST → 02:00 CET.
      springBefore: "2026-03-28T12:00:00+01:00",
      springAfter: "2026-03-29T13:00:00+02:00",
      fallBefore: "2026-10-24T12:00:00+02:00",
      fallAfter: "2026-10-25T11:00:00+01:00",
    },
  ])("in $zone", ({ zone, springBefore, springAfter, fallBefore, fallAfter }) => {
    const previousZone = process.env.TZ;
    beforeAll(() => {
      // Run in the zone itself, so that arithmetic on local calendar days would show.
      process.env.TZ = zone;
    });
    afterAll(() => {
      if (previousZone === undefined) delete process.env.TZ;
      else process.env.TZ = previousZone;
    });

    it("R32: a day of retention across the spring-forward night is 24 hours, not 23 (noon → 13:00 local)", () => {
      const trashedAt = new Date(springBefore);
      expect(new Date(springBefore).getTimezoneOffset()).not.toBe(new Date(springAfter).getTimezoneOffset());
      const { purgeAt } = trashStateAt(trashedAt, 1);
      expect(purgeAt).toEqual(new Date(springAfter));
      expect(purgeAt.getTime() - trashedAt.getTime()).toBe(day);
    });

    it("R32: a day of retention across the fall-back night is 24 hours, not 25 (noon → 11:00 local)", () => {
      const trashedAt = new Date(fallBefore);
      const { purgeAt } = trashStateAt(trashedAt, 1);
      expect(purgeAt).toEqual(new Date(fallAfter));
      expect(purgeAt.getTime() - trashedAt.getTime()).toBe(day);
    });

    it("R32: 30 days of retention spanning a DST switch end 720 hours later", () => {
      const trashedAt = later(new Date(springBefore), -10 * day);
      expect(trashStateAt(trashedAt, 30).purgeAt.getTime() - trashedAt.getTime()).toBe(720 * hour);
      const autumn = later(new Date(fallBefore), -10 * day);
      expect(trashStateAt(autumn, 30).purgeAt.getTime() - autumn.getTime()).toBe(720 * hour);
    });
  });
});

describe("isRestorable", () => {
  const trashedAt = new Date("2026-04-01T00:00:00.000Z");
  const trashed = aContact(trashStateAt(trashedAt, 30));
  const purgeAt = new Date("2026-05-01T00:00:00.000Z");

  it("R32: restorable from the moment of deletion until one ms before purgeAt", () => {
    expect(isRestorable(trashed, trashedAt)).toBe(true);
    expect(isRestorable(trashed, later(trashedAt, 29 * day))).toBe(true);
    expect(isRestorable(trashed, later(purgeAt, -1))).toBe(true);
  });

  it("R33: not restorable exactly at purgeAt, nor after", () => {
    expect(isRestorable(trashed, purgeAt)).toBe(false);
    expect(isRestorable(trashed, later(purgeAt, 1))).toBe(false);
    expect(isRestorable(trashed, later(purgeAt, 365 * day))).toBe(false);
  });

  it("R32: a contact that is not in the trash is not restorable", () => {
    expect(isRestorable(aContact(null), trashedAt)).toBe(false);
  });

  it("R33: for every deletion, retention and moment, restorable iff now < purgeAt, and gone exactly when not", () => {
    fc.assert(
      fc.property(
        anInstant,
        aRetention,
        fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -400 * day, max: 400 * day })),
        (now, retention, offset) => {
          const contact = aContact(trashStateAt(now, retention));
          const purge = now.getTime() + retention * day;
          const moment = new Date(purge + offset);
          expect(isRestorable(contact, moment)).toBe(offset < 0);
          expect(isGone(contact, moment)).toBe(offset >= 0);
        },
      ),
    );
  });
});

describe("daysLeft", () => {
  const trashedAt = new Date("2026-04-01T00:00:00.000Z");
  const state = trashStateAt(trashedAt, 30);
  const purgeAt = state.purgeAt;

  it("R32: 30 right after deleting with 30 days of retention", () => {
    expect(daysLeft(state, trashedAt)).toBe(30);
    expect(daysLeft(state, later(trashedAt, 1))).toBe(30);
    expect(daysLeft(state, later(trashedAt, day - 1))).toBe(30);
    expect(daysLeft(state, later(trashedAt, day))).toBe(29);
  });

  it("R32: 1 on the last day, 2 one ms before it starts", () => {
    expect(daysLeft(state, later(purgeAt, -day))).toBe(1);
    expect(daysLeft(state, later(purgeAt, -1))).toBe(1);
    expect(daysLeft(state, later(purgeAt, -day - 1))).toBe(2);
  });

  it("R32: a clock set back before the deletion still shows the retention, not more", () => {
    expect(daysLeft(state, later(trashedAt, -10 * day))).toBe(30);
    expect(daysLeft(state, later(trashedAt, -1))).toBe(30);
    expect(daysLeft(trashStateAt(trashedAt, 7), later(trashedAt, -40 * day))).toBe(7);
  });

  it("R33: 0 at purgeAt and after, never negative", () => {
    expect(daysLeft(state, purgeAt)).toBe(0);
    expect(daysLeft(state, later(purgeAt, 1))).toBe(0);
    expect(daysLeft(state, later(purgeAt, 100 * day))).toBe(0);
  });

  it("R32: for every retention, daysLeft is within 1..retention while restorable and 0 once gone", () => {
    fc.assert(
      fc.property(
        anInstant,
        aRetention,
        fc.integer({ min: 0, max: 400 * day }),
        (now, retention, elapsed) => {
          const trash = trashStateAt(now, retention);
          const moment = later(now, elapsed);
          const left = daysLeft(trash, moment);
          if (isRestorable(aContact(trash), moment)) {
            expect(left).toBeGreaterThanOrEqual(1);
            expect(left).toBeLessThanOrEqual(retention);
            expect(left).toBe(Math.ceil((retention * day - elapsed) / day));
          } else {
            expect(left).toBe(0);
          }
        },
      ),
    );
  });
});
