// One set of models, one schema per provider. Prisma fixes the provider in the
// schema and cannot switch it at run time, so prisma/schema.prisma (SQLite, the
// embedded default) is the source and prisma/postgresql/schema.prisma is
// rendered from it: the provider and the client's output folder differ,
// nothing else. `node scripts/prisma-schemas.mjs` writes it;
// `--check` exits 1 when the committed file has drifted (prisma/schemas.test.ts
// runs the same comparison in CI).
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
export const SOURCE = path.join(root, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(root, "prisma/postgresql/schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs — do not edit.
// Edit prisma/schema.prisma, then run \`npm run db:generate\`.
`;

/**
 * The PostgreSQL schema rendered from the SQLite one.
 * @param {string} source text of prisma/schema.prisma
 * @returns {string} text of prisma/postgresql/schema.prisma
 * @throws when the source no longer has the two lines this rewrites
 */
export function renderPostgresSchema(source) {
  const provider = /(datasource db \{\s*provider\s*=\s*)"sqlite"/;
  const output = /(output\s*=\s*)"\.\.\/lib\/server\/db\/generated"/;
  if (!provider.test(source) || !output.test(source)) throw new Error("prisma/schema.prisma: expected `provider = \"sqlite\"` and `output = \"../lib/server/db/generated\"`");
  return HEADER + source.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/server/db/generated-pg"');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const want = renderPostgresSchema(fs.readFileSync(SOURCE, "utf8"));
  const have = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  if (process.argv.includes("--check")) {
    if (have !== want) {
      console.error("prisma/postgresql/schema.prisma has drifted from prisma/schema.prisma: run `npm run db:generate` and commit it.");
      process.exit(1);
    }
  } else if (have !== want) {
    fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
    fs.writeFileSync(POSTGRES_SCHEMA, want);
  }
}
