import * as z from "zod/mini";
import {
  linkingPolicyPatchSchema,
  newMemberSchema,
  newOrganisationSchema,
  pageSchema,
  phoneInputSchema,
  profilePatchSchema,
  worksIdSchema,
} from "../../src/schemas.js";
import { actor, type EntryPoint, id, input, memberOptions, removalOptions } from "./bad-input-world.js";

export const memberEntryPoints: readonly EntryPoint[] = [
  {
    area: "organisations",
    method: "create",
    args: () => [{ name: "Initech", admin: { worksId: "initech-admin", displayName: "Initech Admin" } }],
    positions: [input(newOrganisationSchema)],
  },
  {
    area: "organisations",
    method: "get",
    args: (s) => [s.sato.id, s.acme.organisation.id],
    positions: [actor, id],
  },
  {
    area: "organisations",
    method: "setLinkingPolicy",
    args: (s) => [
      s.acme.admin.id,
      s.acme.organisation.id,
      { scope: { kind: "listed", members: [s.sato.id] } },
    ],
    positions: [actor, id, input(linkingPolicyPatchSchema)],
  },
  {
    area: "organisations",
    method: "rename",
    args: (s) => [s.acme.admin.id, s.acme.organisation.id, "Acme Japan"],
    positions: [actor, id, input(newOrganisationSchema.shape.name)],
  },
  {
    area: "members",
    method: "create",
    args: (s) => [s.acme.admin.id, { worksId: "ito", displayName: "伊藤" }, { admin: true }],
    positions: [actor, input(newMemberSchema), input(memberOptions)],
  },
  { area: "members", method: "get", args: (s) => [s.sato.id, s.suzuki.id], positions: [actor, id] },
  { area: "members", method: "card", args: (s) => [s.sato.id, s.lee.id], positions: [actor, id] },
  {
    area: "members",
    method: "findByWorksId",
    args: (s) => [s.sato.id, "suzuki"],
    positions: [actor, input(worksIdSchema)],
  },
  {
    area: "members",
    method: "list",
    args: (s) => [s.sato.id, { limit: 10 }],
    positions: [actor, input(pageSchema)],
  },
  {
    area: "members",
    method: "updateProfile",
    args: (s) => [s.sato.id, { nickname: "さとちゃん" }],
    positions: [actor, input(profilePatchSchema)],
  },
  {
    area: "members",
    method: "remove",
    args: (s) => [s.acme.admin.id, s.suzuki.id, { newOwner: s.sato.id }],
    positions: [actor, id, input(removalOptions)],
  },
  {
    area: "members",
    method: "setPhoneSearch",
    args: (s) => [s.sato.id, true],
    positions: [actor, input(z.boolean())],
  },
  {
    area: "search",
    method: "byWorksId",
    args: (s) => [s.sato.id, "lee"],
    positions: [actor, input(worksIdSchema)],
  },
  {
    area: "search",
    method: "byPhone",
    args: (s) => [s.sato.id, "090-1234-5678"],
    positions: [actor, input(phoneInputSchema)],
  },
];
