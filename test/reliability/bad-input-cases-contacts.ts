import * as z from "zod/mini";
import {
  bookQuerySchema,
  contactPatchSchema,
  expectedVersionSchema,
  memberIdSchema,
  newCustomerSchema,
  newGroupSchema,
  pageSchema,
  sharingSchema,
} from "../../src/schemas.js";
import {
  actor,
  type EntryPoint,
  id,
  importOptions,
  importRecords,
  input,
  purgeOptions,
  qrToken,
} from "./bad-input-world.js";

export const contactEntryPoints: readonly EntryPoint[] = [
  {
    area: "contacts",
    method: "addFromSearch",
    args: (s) => [s.suzuki.id, s.lee.id],
    positions: [actor, id],
  },
  {
    area: "contacts",
    method: "addFromQr",
    args: (s) => [s.suzuki.id, s.leeQr.token],
    positions: [actor, qrToken],
  },
  {
    area: "contacts",
    method: "addCustomer",
    args: (s) => [
      s.sato.id,
      { familyName: "伊藤", phones: [{ number: "03-1234-5678" }], groups: [s.group.id] },
    ],
    positions: [actor, input(newCustomerSchema)],
  },
  { area: "contacts", method: "get", args: (s) => [s.sato.id, s.customer.id], positions: [actor, id] },
  {
    area: "contacts",
    method: "list",
    args: (s) => [s.sato.id, { tab: "external", query: "lee", group: s.group.id, limit: 10 }],
    positions: [actor, input(bookQuerySchema)],
  },
  {
    area: "contacts",
    method: "edit",
    args: (s) => [s.sato.id, s.customer.id, { memo: "大口" }, { expectedVersion: s.customer.version }],
    positions: [actor, id, input(contactPatchSchema), input(expectedVersionSchema)],
  },
  {
    area: "contacts",
    method: "share",
    args: (s) => [
      s.sato.id,
      s.customer.id,
      { visibility: "members", members: [s.suzuki.id], groups: [s.group.id] },
      { expectedVersion: s.customer.version },
    ],
    positions: [actor, id, input(sharingSchema), input(expectedVersionSchema)],
  },
  { area: "contacts", method: "talkAccess", args: (s) => [s.sato.id, s.linked.id], positions: [actor, id] },
  {
    area: "contacts",
    method: "import",
    // A Set, not an array: an array's near misses hold 100,001 copies of a record, and an import
    // takes any number of records, each in a transaction of its own.
    args: (s) => [
      s.sato.id,
      new Set([
        {
          line: 2,
          contact: { familyName: "伊藤", emails: [{ address: "ito@example.jp" }], groups: [s.group.id] },
        },
      ]),
      { onExisting: "merge" },
    ],
    positions: [actor, input(importRecords), input(importOptions)],
  },
  {
    area: "contacts",
    method: "export",
    args: (s) => [s.sato.id, { tab: "customers", query: "伊藤", limit: 10 }],
    positions: [actor, input(bookQuerySchema)],
  },
  {
    area: "groups",
    method: "create",
    args: (s) => [s.sato.id, { name: "Project Y", members: [s.suzuki.id] }],
    positions: [actor, input(newGroupSchema)],
  },
  { area: "groups", method: "list", args: (s) => [s.sato.id], positions: [actor] },
  {
    area: "groups",
    method: "rename",
    args: (s) => [s.sato.id, s.group.id, "Project Z"],
    positions: [actor, id, input(newGroupSchema.shape.name)],
  },
  {
    area: "groups",
    method: "setMembers",
    args: (s) => [s.sato.id, s.group.id, [s.sato.id, s.suzuki.id]],
    positions: [actor, id, input(z.array(memberIdSchema).check(z.maxLength(10_000)))],
  },
  { area: "groups", method: "delete", args: (s) => [s.sato.id, s.group.id], positions: [actor, id] },
  { area: "trash", method: "delete", args: (s) => [s.sato.id, s.customer.id], positions: [actor, id] },
  {
    area: "trash",
    method: "list",
    args: (s) => [s.sato.id, { limit: 10 }],
    positions: [actor, input(pageSchema)],
  },
  { area: "trash", method: "restore", args: (s) => [s.sato.id, s.trashed.id], positions: [actor, id] },
  { area: "trash", method: "purge", args: (s) => [s.sato.id, s.trashed.id], positions: [actor, id] },
  {
    area: "trash",
    method: "purgeExpired",
    args: () => [{ batchSize: 10 }],
    positions: [input(purgeOptions)],
  },
];
