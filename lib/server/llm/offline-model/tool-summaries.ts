import "server-only";
// The sentences the offline model answers with once its tools have run: what
// each tool returned ("Budget: 850 EUR (20 × 35 EUR + 180 EUR) — …",
// "Deadline: 2027-03-08 (Monday), …", "Wrote “Invitation” (invitation.md).")
// or why it failed, in the task's language. Nothing here claims work that no
// tool result shows.
import type { LanguageModelV4ToolResultOutput } from "@ai-sdk/provider";
import type { Language } from "@/lib/shared/language";
import { isIsoDate, weekdayName } from "./execution-dates.ts";
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

function calculate(o: ToolOutcome, choice: Extract<ToolChoice, { tool: "calculate" }> | undefined, zh: boolean): string {
  const v = rec(value(o.output));
  const expression = (str(v.expression) ?? str(rec(o.input).expression) ?? "").replace(/\s\*\s/g, " × ");
  const result = str(v.result) ?? (typeof v.value === "number" ? `${v.value}${str(v.unit) ? ` ${str(v.unit)}` : ""}` : undefined);
  if (!result) return zh ? `calculate 返回：${clip(JSON.stringify(value(o.output)) ?? "", 200)}。` : `calculate returned ${clip(JSON.stringify(value(o.output)) ?? "", 200)}.`;
  const label = choice?.budget.label ?? (zh ? "结果" : "Result");
  const legend = choice?.budget.legend;
  if (zh) return `${label}：${result}（${expression}）${legend ? `，即${legend}` : ""}。`;
  return `${label}: ${result} (${expression})${legend ? ` — ${legend}` : ""}.`;
}

function schedule(o: ToolOutcome, choice: Extract<ToolChoice, { tool: "schedule" }> | undefined, lang: Language): string {
  const zh = lang === "zh-CN";
  const v = rec(value(o.output));
  const input = rec(o.input);
  const date = str(v.date);
  if (!date || !isIsoDate(date)) {
    const text = str(v.text) ?? clip(JSON.stringify(value(o.output)) ?? "", 200);
    return zh ? `日期计算结果：${stripEnd(text)}。` : `Date calculation: ${stripEnd(text)}.`;
  }
  const wd = weekdayName(date, lang);
  const amount = typeof input.amount === "number" ? input.amount : (choice?.amount ?? 0);
  const target = choice?.target;
  if (str(input.operation) === "add") {
    const why = target ? (zh ? `；从${target.date}倒推会早于今天` : `, since counting back from ${target.date} would land before today`) : "";
    return zh ? `截止日期：${date}（${wd}），即从今天起${amount}个工作日${why}。` : `Deadline: ${date} (${wd}), ${amount} business days from today${why}.`;
  }
  const from = str(input.date) ?? target?.date ?? "";
  if (zh) {
    const what = target && !target.fromText ? `${from}（今天起30天，目标里没有写日期）` : `目标日期${from}`;
    return `截止日期：${date}（${wd}），即${what}之前${amount}个工作日。`;
  }
  const what = target && !target.fromText ? `${from} (30 days from today, as the goal names no date)` : `the target date ${from}`;
  return `Deadline: ${date} (${wd}), ${amount} business days before ${what}.`;
}

function document(o: ToolOutcome, zh: boolean): string {
  const v = rec(value(o.output));
  const title = str(rec(o.input).title) ?? "";
  const name = str(v.name);
  if (zh) return `已写好“${title}”${name ? `（${name}）` : ""}。`;
  return `Wrote “${title}”${name ? ` (${name})` : ""}.`;
}

function calendar(o: ToolOutcome, zh: boolean): string {
  const v = rec(value(o.output));
  const title = str(rec(o.input).title) ?? "";
  const events = typeof v.events === "number" ? v.events : Array.isArray(rec(o.input).events) ? (rec(o.input).events as unknown[]).length : 0;
  const name = str(v.name);
  if (zh) return `已生成日历“${title}”，共${events}个日程${name ? `（${name}）` : ""}。`;
  return `Made the calendar “${title}” with ${events} event${events === 1 ? "" : "s"}${name ? ` (${name})` : ""}.`;
}

/**
 * One sentence per tool outcome, in order, joined by spaces (no separator in
 * Chinese): a denied call says it was not run, an error result says the tool
 * failed and why, otherwise what the tool returned. `choices` (the calls as
 * chooseTools planned them) supply labels and explanations; an outcome
 * without a matching choice is still described from its input and output.
 */
export function summarizeOutcomes(outcomes: ToolOutcome[], choices: ToolChoice[], lang: Language): string {
  const zh = lang === "zh-CN";
  const sentences = outcomes.map((o) => {
    if (o.output.type === "execution-denied") {
      const reason = o.output.reason ? stripEnd(o.output.reason) : zh ? "调用未获批准" : "the call was not approved";
      return zh ? `${o.toolName}未执行：${reason}。` : `${o.toolName} was not run: ${reason}.`;
    }
    const failed = failure(o.output);
    if (failed !== undefined) return zh ? `${o.toolName}失败：${stripEnd(clip(failed, 300))}。` : `${o.toolName} failed: ${stripEnd(clip(failed, 300))}.`;
    const choice = choices.find((c) => c.tool === o.toolName);
    switch (o.toolName) {
      case "calculate":
        return calculate(o, choice as Extract<ToolChoice, { tool: "calculate" }> | undefined, zh);
      case "schedule":
        return schedule(o, choice as Extract<ToolChoice, { tool: "schedule" }> | undefined, lang);
      case "write_document":
        return document(o, zh);
      case "create_calendar":
        return calendar(o, zh);
      default: {
        const shown = clip(typeof value(o.output) === "string" ? (value(o.output) as string) : (JSON.stringify(value(o.output)) ?? ""), 200);
        return zh ? `${o.toolName}返回：${stripEnd(shown)}。` : `${o.toolName} returned: ${stripEnd(shown)}.`;
      }
    }
  });
  return sentences.join(zh ? "" : " ");
}
