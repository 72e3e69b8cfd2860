import type { OrganisationRepository } from "../../ports/store.js";
import { organisationCodec } from "./rows.js";
import type { SqlQueryable } from "./sql-client.js";
import { getById, insertRecord, updateRecord } from "./statements.js";

export function organisationRepository(sql: SqlQueryable): OrganisationRepository {
  return {
    get: (id, options) => getById(sql, organisationCodec, id, options),
    insert: (organisation) => insertRecord(sql, organisationCodec, organisation),
    update: (organisation, expected) => updateRecord(sql, organisationCodec, organisation, expected),
  };
}
