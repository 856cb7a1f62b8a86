import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

type Column = { table: string; column: string; nullable: boolean; list: boolean; field: string };

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Decimal", "Float", "Bytes"]);

/** Reads every scalar field of every model from schema.prisma, with its table and column name. */
function columnsFromSchema(): { tables: Set<string>; columns: Column[] } {
  const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
  const tables = new Set<string>();
  const columns: Column[] = [];
  for (const match of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    const [, model, body] = match;
    const table = body.match(/@@map\("([^"]+)"\)/)?.[1] ?? model;
    tables.add(table);
    for (const line of body.split("\n")) {
      const field = line.trim().match(/^(\w+)\s+(\w+)(\??)(\[\])?/);
      if (!field || !SCALARS.has(field[2])) continue;
      const column = line.match(/@map\("([^"]+)"\)/)?.[1] ?? field[1];
      columns.push({ table, column, nullable: field[3] === "?", list: field[4] === "[]", field: `${model}.${field[1]}` });
    }
  }
  return { tables, columns };
}

describe("schema.prisma and the SQL migrations", () => {
  it("every model field has its column, with the same nullability, and every table has its model", async () => {
    const { tables, columns } = columnsFromSchema();
    const rows = await db.$queryRaw<{ table_name: string; column_name: string; is_nullable: string }[]>`
      SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`;
    const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row.is_nullable === "YES"]));
    expect(columns.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const column of columns) {
      const nullable = actual.get(`${column.table}.${column.column}`);
      if (nullable === undefined) problems.push(`${column.field}: column ${column.table}.${column.column} missing`);
      // A scalar list is never null for the client; the database may say so too.
      else if (nullable !== column.nullable && !(column.list && !nullable))
        problems.push(`${column.field}: nullability differs (schema ${column.nullable}, db ${nullable})`);
    }
    const dbTables = new Set(rows.map((row) => row.table_name).filter((name) => name !== "_prisma_migrations"));
    for (const table of dbTables) if (!tables.has(table)) problems.push(`table ${table} has no model`);
    expect(problems).toEqual([]);
  });
});
