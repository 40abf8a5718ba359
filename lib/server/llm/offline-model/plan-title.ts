import "server-only";
// The plan's title. chat_reply proposes it in create_plan and plan_outline
// returns it, so both must build it the same way.
import { durationAdjective, durationText, ZH_UNITS } from "./duration.ts";
import type { Analysis } from "./goal-analysis.ts";
import { cap, clip, cnCount } from "./text.ts";

/**
 * The short plan title shared by chat_reply (create_plan) and plan_outline, in
 * the analysis' language, at most 80 code points: "Mobile app launch in 6
 * weeks", "杭州三日游".
 */
export function planTitle(a: Analysis): string {
  const zh = a.lang === "zh-CN";
  const s = a.subject;
  const dur = a.duration;
  let title: string;
  switch (a.domain) {
    case "software":
      title = zh ? `${s}上线计划${dur ? `（${durationText(dur, a.lang)}）` : ""}` : `${cap(s)} launch${dur ? ` in ${durationText(dur, "en")}` : ""}`;
      break;
    case "trip": {
      const dest = a.hasSubject ? s : "";
      if (zh) {
        if (dur?.unit === "day") title = `${dest}${cnCount(dur.value)}日游`;
        else if (dur) title = `${dest}${cnCount(dur.value)}${ZH_UNITS[dur.unit]}旅行`;
        else title = dest ? `${dest}旅行计划` : "旅行计划";
      } else {
        title = dur ? `${durationAdjective(dur, "en")} ${dest ? `${dest} ` : ""}trip` : dest ? `${dest} trip` : "Trip plan";
        title = cap(title);
      }
      break;
    }
    case "event":
      title = zh ? `${s}筹备计划` : `${cap(s)} plan`;
      break;
    case "learning":
      if (zh) title = `${s}${a.kind === "exam" ? "备考" : "学习"}计划${dur ? `（${durationText(dur, a.lang)}）` : ""}`;
      else {
        const core = a.kind === "exam" ? (/exam|test/i.test(s) ? `${cap(s)} prep` : `${cap(s)} exam prep`) : a.subjectIsVerb ? `Learn to ${s}` : `Learn ${s}`;
        title = a.hasSubject ? `${core}${dur ? ` in ${durationText(dur, "en")}` : ""}` : cap(a.short);
      }
      break;
    case "writing":
      title = zh ? `${s}写作计划` : `${cap(s)} writing plan`;
      break;
    case "moving":
      title = zh ? (a.hasSubject ? `搬家到${s}` : "搬家计划") : a.hasSubject ? `Move to ${s}` : "Home move plan";
      break;
    case "fitness":
      if (a.kind === "race") title = zh ? `${s}训练计划` : `${cap(s)} training plan`;
      else title = zh ? (a.hasSubject ? `${s}计划` : "健身计划") : a.hasSubject ? cap(s) : cap(a.short);
      break;
    default:
      title = zh ? (/计划$/.test(a.short) ? a.short : `${a.short}计划`) : cap(a.short);
  }
  return clip(title, 80);
}
