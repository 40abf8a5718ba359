// npm run db:migrate – apply pending migrations to DATABASE_URL (default ./data/planstream.db).
import { env } from "../lib/server/env.ts";
import { applyMigrations } from "../lib/server/db/migrate.ts";

const url = env().DATABASE_URL;
const applied = await applyMigrations(url);
console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date.");
