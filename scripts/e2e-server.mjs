// Playwright's web server: a fresh data folder (and with E2E_DATABASE=postgres
// a fresh PostgreSQL database), a production build, then `npm start`.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import { freshDatabaseEnv } from "../e2e/e2e-database.ts";

fs.rmSync(process.env.DATA_DIR ?? ".e2e-data", { recursive: true, force: true });
Object.assign(process.env, await freshDatabaseEnv("web"));
// E2E_SKIP_BUILD=1: the second e2e pass (npm run test:e2e:pg) reuses the first pass's build.
const build = process.env.E2E_SKIP_BUILD === "1" ? { status: 0 } : spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn("npm", ["start"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
