// Prisma CLI configuration. The CLI is only used for `prisma generate` here;
// migrations are applied by scripts/migrate.ts (no engine download needed).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/planstream.db" },
});
