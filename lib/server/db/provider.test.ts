import { describe, expect, it } from "vitest";
import { onPostgres } from "@/test/pg-test-db";
import { getDeps } from "../deps";
import { env } from "../env";
import { dbProvider, safeDbUrl } from "./provider";

describe("dbProvider", () => {
  it("picks the provider by the URL's scheme", () => {
    expect(dbProvider("file:./data/planstream.db")).toBe("sqlite");
    expect(dbProvider("file:/tmp/x.db?mode=ro")).toBe("sqlite");
    expect(dbProvider("postgres://u:p@db:5432/planstream")).toBe("postgresql");
    expect(dbProvider("postgresql://db/planstream?sslmode=require")).toBe("postgresql");
    expect(dbProvider("POSTGRES://db/planstream")).toBe("postgresql");
  });

  it("refuses any other scheme with a message naming both accepted forms", () => {
    expect(() => dbProvider("mysql://root@localhost/planstream")).toThrow(
      'DATABASE_URL has the scheme "mysql:"; use file:./data/planstream.db (SQLite, the default) or postgres://user@host:5432/db (PostgreSQL).',
    );
    expect(() => dbProvider("./data/planstream.db")).toThrow(/^DATABASE_URL has no scheme; use file:/);
  });

  it("hides a password in messages", () => {
    expect(safeDbUrl("postgres://app:s3cret@db:5432/planstream")).toBe("postgres://app:***@db:5432/planstream");
    expect(safeDbUrl("postgres://app@db/planstream")).toBe("postgres://app@db/planstream");
    expect(safeDbUrl("file:./data/planstream.db")).toBe("file:./data/planstream.db");
  });
});

describe("the suite's database", () => {
  it("is the provider this run was asked for (TEST_DATABASE), and answers", async () => {
    const url = env().DATABASE_URL;
    expect(dbProvider(url)).toBe(onPostgres() ? "postgresql" : "sqlite");
    const rows = onPostgres()
      ? await getDeps().db.$queryRawUnsafe<{ v: string }[]>("SELECT version() AS v")
      : await getDeps().db.$queryRawUnsafe<{ v: string }[]>("SELECT sqlite_version() AS v");
    expect(rows[0].v).toMatch(onPostgres() ? /^PostgreSQL \d+/ : /^3\.\d+/);
  });
});
