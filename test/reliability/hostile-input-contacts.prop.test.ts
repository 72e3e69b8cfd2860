import fc from "fast-check";
import { describe } from "vitest";
import type { Contact } from "../../src/index.js";
import {
  hostile,
  laced,
  legit,
  legitLine,
  multiLine,
  notInOneLine,
  oneLine,
  tooLong,
} from "./hostile-input-text.js";
import { customerWith, editCustomer, hostileWorld, type Target } from "./hostile-input-world.js";

const { eachTargetAnswersAlike } = hostileWorld();

const idsOfPage = (result: unknown) =>
  (result as { items: readonly { contact: Contact }[] }).items.map((item) => item.contact.id).sort();

const targets: readonly Target[] = [
  {
    name: "contacts.addCustomer familyName",
    path: ["familyName"],
    probes: oneLine(100),
    call: (s, value) => s.book.contacts.addCustomer(s.sato.id, customerWith({ familyName: value })),
  },
  {
    name: "contacts.addCustomer givenNameReading",
    path: ["givenNameReading"],
    probes: oneLine(100),
    call: (s, value) => s.book.contacts.addCustomer(s.sato.id, customerWith({ givenNameReading: value })),
  },
  {
    name: "contacts.addCustomer company",
    path: ["company"],
    probes: oneLine(200),
    call: (s, value) => s.book.contacts.addCustomer(s.sato.id, customerWith({ company: value })),
  },
  {
    name: "contacts.addCustomer memo (multi-line)",
    path: ["memo"],
    probes: multiLine(4000),
    call: (s, value) => s.book.contacts.addCustomer(s.sato.id, customerWith({ memo: value })),
  },
  {
    name: "contacts.addCustomer address (multi-line)",
    path: ["addresses", 0, "value"],
    probes: multiLine(1000),
    call: (s, value) =>
      s.book.contacts.addCustomer(s.sato.id, customerWith({ addresses: [{ label: "本社", value }] })),
  },
  {
    name: "contacts.addCustomer phone label",
    path: ["phones", 0, "label"],
    probes: oneLine(100),
    call: (s, value) =>
      s.book.contacts.addCustomer(
        s.sato.id,
        customerWith({ phones: [{ label: value, number: "03-1234-5678" }] }),
      ),
  },
  {
    name: "contacts.addCustomer tag",
    path: ["tags", 0],
    probes: oneLine(100),
    call: (s, value) => s.book.contacts.addCustomer(s.sato.id, customerWith({ tags: [value] })),
  },
  {
    name: "contacts.edit memo (multi-line)",
    path: ["memo"],
    probes: multiLine(4000),
    call: (s, value) => editCustomer(s, { memo: value }),
  },
  {
    name: "contacts.edit givenName",
    path: ["givenName"],
    probes: oneLine(100),
    call: (s, value) => editCustomer(s, { givenName: value }),
  },
  {
    name: "contacts.edit department",
    path: ["department"],
    probes: oneLine(200),
    call: (s, value) => editCustomer(s, { department: value }),
  },
  {
    name: "contacts.edit custom field value (multi-line)",
    path: ["customFields", 0, "value"],
    probes: multiLine(1000),
    call: (s, value) => editCustomer(s, { customFields: [{ label: "備考", value }] }),
  },
  {
    name: "contacts.edit custom field label",
    path: ["customFields", 0, "label"],
    probes: oneLine(100),
    call: (s, value) => editCustomer(s, { customFields: [{ label: value, value: "値" }] }),
  },
  {
    name: "contacts.edit website label",
    path: ["websites", 0, "label"],
    probes: oneLine(100),
    call: (s, value) => editCustomer(s, { websites: [{ label: value, value: "https://example.jp" }] }),
  },
  {
    name: "contacts.edit profile nickname",
    path: ["profile", "nickname"],
    probes: oneLine(100),
    call: (s, value) => editCustomer(s, { profile: { nickname: value } }),
  },
  {
    name: "groups.create name",
    path: ["name"],
    probes: oneLine(100),
    call: (s, value) => s.book.groups.create(s.sato.id, { name: value }),
  },
  {
    name: "contacts.list query",
    path: ["query"],
    probes: fc.oneof(
      legit(fc.constantFrom("", " ")),
      legit(legitLine),
      hostile(laced(notInOneLine, legitLine)),
      hostile(tooLong(200)),
    ),
    // One page holds every match, so the stores' pages hold the same contacts.
    call: (s, value) => s.book.contacts.list(s.sato.id, { query: value, limit: 200 }),
    comparable: idsOfPage,
  },
];

describe("hostile input: memory, PGlite and the PostgreSQL server (when PARTNERBOOK_POSTGRES_URL is set) give the same answer", () => {
  eachTargetAnswersAlike(targets);
});
