import fc from "fast-check";
import type { MemberId, NewCustomerInput } from "../../../src/index.js";
import { type CustomerInput, notPhones, phoneBook } from "../model.js";
import { expect } from "./expect.js";
import { agreed, attempt } from "./outcomes.js";
import { addressee, always, memberIndex, mostly, relation, Step, settleAdd } from "./picks.js";

// Commands that search and add: by works ID, phone, QR code, by hand (R7–R16, R22).

// R7, R9, R10: search by works ID — exact, other case, padded, unknown or blank.
export const searchByWorksId = fc
  .record({
    actor: memberIndex,
    target: fc.option(memberIndex, { nil: null, freq: 6 }),
    form: fc.constantFrom("exact", "upper", "padded", "blank"),
  })
  .map(
    (p) =>
      new Step(`search.byWorksId(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const worksId = p.target === null ? "nobody.here" : model.member(p.target).worksId;
        const query =
          p.form === "blank"
            ? "   "
            : p.form === "upper"
              ? worksId.toUpperCase()
              : p.form === "padded"
                ? `  ${worksId} `
                : worksId;
        const expected = model.searchByWorksId(p.actor, query);
        const actual = await attempt(() => book.search.byWorksId(model.member(p.actor).id, query));
        const both = agreed("search.byWorksId", actual, expected);
        if (both !== null) expect(both.actual, "R9, R10: the cards").toEqual(both.expected);
      }),
  );

// R8, R9, R10: search by phone, in any of the ways the number is typed, or by non-numbers.
export const searchByPhone = fc
  .record({ actor: memberIndex, phone: fc.nat({ max: phoneBook.length }), form: fc.nat() })
  .map(
    (p) =>
      new Step(`search.byPhone(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const entry = phoneBook[p.phone];
        const typed =
          entry === undefined
            ? notPhones[p.form % notPhones.length]
            : entry.typed[p.form % entry.typed.length];
        if (typed === undefined) throw new Error("no phone to type");
        const expected = model.searchByPhone(p.actor, entry?.e164 ?? null);
        const actual = await attempt(() => book.search.byPhone(model.member(p.actor).id, typed));
        const both = agreed("search.byPhone", actual, expected);
        if (both !== null) expect(both.actual, "R8, R9: the cards").toEqual(both.expected);
      }),
  );

// R12, R15: add the person behind a search result (or an id that names nobody).
export const addFromSearch = fc
  .record({ actor: memberIndex, target: fc.option(memberIndex, { nil: null, freq: 8 }), how: relation })
  .map(
    (p) =>
      new Step(`contacts.addFromSearch(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const target = p.target === null ? null : addressee(model, p.actor, p.target, p.how);
        const targetId = target === null ? ("mem_nobody" as MemberId) : model.member(target).id;
        const expected = model.addLinked(p.actor, target);
        const actual = await attempt(() => book.contacts.addFromSearch(model.member(p.actor).id, targetId));
        const both = agreed("contacts.addFromSearch", actual, expected);
        if (both !== null && target !== null) settleAdd(model, p.actor, target, both.expected, both.actual);
      }),
  );

// R12, R13, R15: scan someone's QR code — as it is now, or (old) a photo of it taken before
// they re-issued it (R13: the old code finds nobody).
export const addFromQr = fc
  .record({ actor: memberIndex, of: memberIndex, how: relation, old: mostly(false) })
  .map(
    (p) =>
      new Step(`contacts.addFromQr(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const of = addressee(model, p.actor, p.of, p.how);
        const ofId = model.member(of).id;
        const { token } = await book.qrCodes.mine(ofId);
        const current = model.qrToken(of);
        if (current === undefined) model.commitQrToken(of, token);
        else expect(token, "R13: the QR token is stable until re-issued").toBe(current);
        if (p.old) {
          const reissued = await book.qrCodes.reissue(ofId);
          expect(reissued.token, "R13: a re-issued code is a new one").not.toBe(token);
          model.commitQrToken(of, reissued.token);
        }
        const target = model.qrOwner(token);
        const expected = model.addLinked(p.actor, target);
        const actual = await attempt(() => book.contacts.addFromQr(model.member(p.actor).id, token));
        const both = agreed("contacts.addFromQr", actual, expected);
        if (both !== null && target !== null) settleAdd(model, p.actor, target, both.expected, both.actual);
      }),
  );

// R14, R22: a customer contact typed in by hand.
export const addCustomer = fc
  .record({
    actor: memberIndex,
    input: fc.record({
      familyName: fc.constantFrom("山田", "Smith"),
      givenName: fc.constantFrom(null, "太郎"),
      phone: fc.constantFrom(null, "03-5555-0000", "090-1234-5678"),
      email: fc.constantFrom("yamada@customer.example", "smith@customer.example"),
      company: fc.constantFrom(null, "Umbrella", "株式会社アンブレラ"),
    }),
  })
  .map(
    (p) =>
      new Step(`contacts.addCustomer(${JSON.stringify(p)})`, always, async (model, { book }) => {
        const input: CustomerInput = p.input;
        const request: NewCustomerInput = {
          familyName: input.familyName,
          givenName: input.givenName,
          emails: [{ address: input.email }],
          company: input.company,
          ...(input.phone === null ? {} : { phones: [{ number: input.phone }] }),
        };
        const contact = await book.contacts.addCustomer(model.member(p.actor).id, request);
        model.commitCustomer(p.actor, input, contact.id);
        const stored = model.contact(contact.id);
        if (stored === undefined) throw new Error("the customer contact is not in the model");
        expect(contact).toEqual(model.expectedContact(stored));
      }),
  );
