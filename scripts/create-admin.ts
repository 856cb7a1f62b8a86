// npm run admin:create — the production start's one-time setup (docs/decisions/019-county-setup.md): on an empty database
// (DATABASE_URL set, nothing seeded), creates the county and its first 系统管理员, plus the national defaults every county
// starts from (poverty lines, settings, the measure catalogue). The administrator then signs in and builds the townships and
// villages at /admin/regions. Run through scripts/with-database.mjs (migrations first), under the react-server condition
// because lib/regions/first-admin.ts uses the app's own commands' helpers.
//
//   npm run admin:create -- --county-code 522601 --county-name 凯里市 --username admin --display-name 张三
// The password is read from ADMIN_PASSWORD, or asked for on the console.
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { createFirstAdmin } from "@/lib/regions/first-admin";
import { seedMeasureCatalogue, seedSettings } from "@/prisma/seed";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const { values } = parseArgs({
  options: {
    "county-code": { type: "string" },
    "county-name": { type: "string" },
    username: { type: "string" },
    "display-name": { type: "string" },
  },
});

async function ask(question: string): Promise<string> {
  const console_ = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await console_.question(question)).trim();
  } finally {
    console_.close();
  }
}

try {
  const input = {
    countyCode: values["county-code"] ?? (await ask("县级代码（6 位，如 522601）：")),
    countyName: values["county-name"] ?? (await ask("县名（如 凯里市）：")),
    username: values.username ?? (await ask("系统管理员用户名：")),
    displayName: values["display-name"] ?? (await ask("系统管理员姓名：")),
    password: process.env.ADMIN_PASSWORD ?? (await ask("系统管理员密码（至少 10 位）：")),
  };
  const { countyCode } = await createFirstAdmin(db, input);
  // National defaults, not demo data: written once, only where nothing is there yet.
  if ((await db.setting.count()) === 0) await seedSettings(db as unknown as PrismaClient);
  if ((await db.measureItem.count()) === 0) await seedMeasureCatalogue(db as unknown as PrismaClient);
  console.log(
    `[admin:create] 已创建县（${countyCode}）和系统管理员 ${input.username}。请登录后在“区划管理”（/admin/regions）中建立乡镇和村，再在“用户管理”中新建账号。`,
  );
} catch (error) {
  if (isAppError(error)) {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([field, messages]) => `  ${field}：${messages.join("；")}`);
    console.error([`[admin:create] ${error.message}`, ...fields].join("\n"));
    process.exitCode = 1;
  } else throw error;
} finally {
  await db.$disconnect();
}
