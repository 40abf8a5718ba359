import "server-only";
import type { LanguageModelV4 } from "@ai-sdk/provider";
import { getDb, type Db } from "./db/client.ts";
import { getBus, type JobBus } from "./jobs/bus.ts";
import { getModel } from "./llm/model.ts";

/**
 * What services need from the outside world, handed in as one object so tests
 * can pass real-but-local parts (a temp SQLite file, the offline model).
 */
export type Deps = { db: Db; bus: JobBus; model: LanguageModelV4 };

/** The process-wide dependencies. */
export function getDeps(): Deps {
  return { db: getDb(), bus: getBus(), model: getModel() };
}
