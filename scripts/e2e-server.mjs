// Playwright's web server: a fresh data folder, a production build, then `npm start`.
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";

fs.rmSync(process.env.DATA_DIR ?? ".e2e-data", { recursive: true, force: true });
const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn("npm", ["start"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
