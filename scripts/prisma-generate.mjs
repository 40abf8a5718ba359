// Renders the PostgreSQL schema from prisma/schema.prisma (scripts/prisma-schemas.mjs),
// then runs `prisma generate` offline for both providers. The CLI insists on
// locating a schema-engine binary even though generate never executes it
// (machines without internet access cannot download it); pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? fileURLToPath(import.meta.url),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", env, shell: process.platform === "win32" }).status ?? 1;

let status = run(process.execPath, [fileURLToPath(new URL("./prisma-schemas.mjs", import.meta.url))]);
for (const schema of ["prisma/schema.prisma", "prisma/postgresql/schema.prisma"]) {
  if (status === 0) status = run("prisma", ["generate", "--schema", schema]);
}
process.exit(status);
