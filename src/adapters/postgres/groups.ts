import type { GroupRepository } from "../../ports/store.js";
import { groupCodec } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { deleteRecord, getById, insertRecord, selectRecords, updateRecord } from "./statements.js";

export function groupRepository(sql: SqlQueryable): GroupRepository {
  return {
    get: (id, options) => getById(sql, groupCodec, id, options),
    listByOrganisation: (organisationId) =>
      selectRecords(sql, groupCodec, "where organisation_id = $1 order by name, id", [organisationId]),
    listByMember: (memberId) =>
      selectRecords(sql, groupCodec, "where members @> jsonb_build_array($1::text) order by name, id", [
        memberId,
      ]),
    insert: (group) => insertRecord(sql, groupCodec, group),
    update: (group, expected) => updateRecord(sql, groupCodec, group, expected),
    delete: (id, expected) => deleteRecord(sql, groupCodec.table, id, expected),
  };
}
