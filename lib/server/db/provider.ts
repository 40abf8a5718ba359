// Which database a DATABASE_URL names. Kept free of drivers so the env check,
// the migration script and the tests can ask without loading one.

/** The two databases Planstream runs on: SQLite (embedded default) and PostgreSQL (scale-out). */
export type DbProvider = "sqlite" | "postgresql";

/**
 * The provider a `DATABASE_URL` picks, by scheme: `file:` → SQLite (libsql),
 * `postgres://` or `postgresql://` → PostgreSQL (`@prisma/adapter-pg`).
 * @throws Error naming the accepted schemes for anything else (the server
 * stops at start with that message).
 */
export function dbProvider(url: string): DbProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `DATABASE_URL ${scheme ? `has the scheme "${scheme}:"` : "has no scheme"}; use file:./data/planstream.db (SQLite, the default) or postgres://user@host:5432/db (PostgreSQL).`,
  );
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function safeDbUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, "$1***@");
}
