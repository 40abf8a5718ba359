import "server-only";
// The sentences the offline model answers with once its tools have run: what
// each tool returned ("Budget: 850 EUR (20 × 35 EUR + 180 EUR) — …",
// "Deadline: 2027-03-08 (Monday), …", "Wrote “Invitation” (invitation.md).")
// or why it failed, in the task's language (the words are in
// execution-texts.ts). Nothing here claims work that no tool result shows.
import type { LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import type { Language } from "@/lib/shared/language";
import { isIsoDate, weekdayName } from "./execution-dates.ts";
import { EXECUTION_TEXTS, type ExecutionTexts } from "./execution-texts.ts";
import type { ToolChoice } from "./tool-choice.ts";
import { clip } from "./text.ts";

/** One tool round trip as the prompt shows it: the call's input (parsed JSON, or undefined) and the result. */
export type ToolOutcome = { toolName: string; input: unknown; output: LanguageModelV4ToolResultOutput };

const stripEnd = (s: string) => s.trim().replace(/[\s.。!！]+$/u, "");
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** The failure text of an error result, else undefined. */
export function failure(output: LanguageModelV4ToolResultOutput): string | undefined {
  // The AI SDK sends a thrown Error as its String(): "Error: message".
  if (output.type === "error-text") return output.value.replace(/^(?:[A-Z]\w*)?Error:\s*/, "") || "unknown error";
  if (output.type === "error-json") return str(rec(output.value).message) ?? JSON.stringify(output.value);
  return undefined;
}

/** The result's value: JSON as is, text parsed as JSON when it is JSON, else the text. */
export function value(output: LanguageModelV4ToolResultOutput): unknown {
  if (output.type === "json") return output.value;
  if (output.type === "text") {
    try {
      return JSON.parse(output.value) as unknown;
    } catch {
      return output.value;
    }
  }
  if (output.type === "content") return output.value.flatMap((p) => (p.type === "text" ? [p.text] : [])).join("\n");
  return undefined;
}

function calculate(o: ToolOutcome, choice: Extract<ToolChoice, { tool: "calculate" }> | undefined, say: ExecutionTexts): string {
  const v = rec(value(o.output));
  const expression = (str(v.expression) ?? str(rec(o.input).expression) ?? "").replace(/\s\*\s/g, " × ");
  const result = str(v.result) ?? (typeof v.value === "number" ? `${v.value}${str(v.unit) ? ` ${str(v.unit)}` : ""}` : undefined);
  if (!result) return say.rawResult("calculate", clip(JSON.stringify(value(o.output)) ?? "", 200));
  return say.calculated(choice?.budget.label ?? say.resultLabel, result, expression, choice?.budget.legend);
}

function schedule(o: ToolOutcome, choice: Extract<ToolChoice, { tool: "schedule" }> | undefined, lang: Language, say: ExecutionTexts): string {
  const v = rec(value(o.output));
  const input = rec(o.input);
  const date = str(v.date);
  if (!date || !isIsoDate(date)) return say.dateText(stripEnd(str(v.text) ?? clip(JSON.stringify(value(o.output)) ?? "", 200)));
  const wd = weekdayName(date, lang);
  const amount = typeof input.amount === "number" ? input.amount : (choice?.amount ?? 0);
  const target = choice?.target;
  if (str(input.operation) === "add") return say.deadlineForward(date, wd, amount, target?.date);
  const from = str(input.date) ?? target?.date ?? "";
  return say.deadlineBack(date, wd, amount, from, !(target && !target.fromText));
}

function document(o: ToolOutcome, say: ExecutionTexts): string {
  return say.wrote(str(rec(o.input).title) ?? "", str(rec(value(o.output)).name));
}

function calendar(o: ToolOutcome, say: ExecutionTexts): string {
  const v = rec(value(o.output));
  const title = str(rec(o.input).title) ?? "";
  const events = typeof v.events === "number" ? v.events : Array.isArray(rec(o.input).events) ? (rec(o.input).events as unknown[]).length : 0;
  return say.calendar(title, events, str(v.name));
}

/**
 * One sentence per tool outcome, in order, joined by spaces (no separator in
 * Chinese and Japanese), in `lang` (execution-texts.ts): a denied call says it
 * was not run, an error result says the tool failed and why, otherwise what
 * the tool returned. `choices` (the calls as chooseTools planned them) supply
 * labels and explanations; an outcome without a matching choice is still
 * described from its input and output.
 */
export function summarizeOutcomes(outcomes: ToolOutcome[], choices: ToolChoice[], lang: Language): string {
  const say = EXECUTION_TEXTS[lang];
  const sentences = outcomes.map((o) => {
    if (o.output.type === "execution-denied") return say.denied(o.toolName, o.output.reason ? stripEnd(o.output.reason) : undefined);
    const failed = failure(o.output);
    if (failed !== undefined) return say.failed(o.toolName, stripEnd(clip(failed, 300)));
    const choice = choices.find((c) => c.tool === o.toolName);
    switch (o.toolName) {
      case "calculate":
        return calculate(o, choice as Extract<ToolChoice, { tool: "calculate" }> | undefined, say);
      case "schedule":
        return schedule(o, choice as Extract<ToolChoice, { tool: "schedule" }> | undefined, lang, say);
      case "write_document":
        return document(o, say);
      case "create_calendar":
        return calendar(o, say);
      default: {
        const shown = clip(typeof value(o.output) === "string" ? (value(o.output) as string) : (JSON.stringify(value(o.output)) ?? ""), 200);
        return say.returned(o.toolName, stripEnd(shown));
      }
    }
  });
  return sentences.join(say.join);
}
