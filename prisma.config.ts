import { defineConfig } from "prisma/config";

// Migrations are applied by scripts/migrate.mjs (the schema engine is not downloadable here);
// the datasource URL is only needed by Prisma CLI commands that talk to a database.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/placeholder" },
});
