import "server-only";
import { auditNames, auditReferences, type AuditRow } from "@/lib/audit/describe";
import type { AuditNames } from "@/lib/audit/fields";
import { db, type Db, type Tx } from "@/lib/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the users and regions a set of audit rows refers to, loaded in two queries. */
export async function loadAuditNames(rows: readonly AuditRow[], client: Db | Tx = db): Promise<AuditNames> {
  const references = auditReferences(rows);
  // Only well-formed ids reach the uuid column; anything else simply has no name.
  const userIds = references.userIds.filter((id) => UUID.test(id));
  const [users, regions] = await Promise.all([
    userIds.length ? client.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } }) : [],
    references.regionCodes.length ? client.region.findMany({ where: { code: { in: references.regionCodes } }, select: { code: true, name: true } }) : [],
  ]);
  return auditNames(users, regions);
}
