import {
  actor,
  deliveryOptions,
  type EntryPoint,
  emailList,
  eventPage,
  id,
  input,
  invitation,
  linkOptions,
} from "./bad-input-world.js";

export const invitationEntryPoints: readonly EntryPoint[] = [
  {
    area: "invitations",
    method: "sendEmail",
    args: (s) => [s.sato.id, ["lee@globex.example"]],
    positions: [actor, input(emailList)],
  },
  {
    area: "invitations",
    method: "createLink",
    args: (s) => [s.sato.id, { expiresInDays: 7, maxUses: 3 }],
    positions: [actor, input(linkOptions)],
  },
  {
    area: "invitations",
    method: "revoke",
    args: (s) => [s.lee.id, s.link.invitation.id],
    positions: [actor, id],
  },
  { area: "invitations", method: "listPending", args: (s) => [s.lee.id], positions: [actor] },
  {
    area: "invitations",
    method: "redeem",
    args: (s) => [s.suzuki.id, s.link.url],
    positions: [actor, invitation],
  },
  { area: "qrCodes", method: "mine", args: (s) => [s.sato.id], positions: [actor] },
  { area: "qrCodes", method: "reissue", args: (s) => [s.sato.id], positions: [actor] },
  {
    area: "events",
    method: "list",
    args: (s) => [s.acme.admin.id, { organisationId: s.acme.organisation.id, after: 0, limit: 10 }],
    positions: [actor, input(eventPage)],
  },
  {
    area: "mail",
    method: "deliverPending",
    args: () => [{ limit: 10 }],
    positions: [input(deliveryOptions)],
  },
];
