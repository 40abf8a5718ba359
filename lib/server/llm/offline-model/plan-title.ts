import "server-only";
// The plan's title. chat_reply proposes it in create_plan and plan_outline
// returns it, so both must build it the same way.
import { durationAdjective, durationText, ZH_UNITS } from "./duration.ts";
import type { Analysis } from "./goal-analysis.ts";
import { deSubject } from "./templates/template.ts";
import { cap, clip, cnCount } from "./text.ts";

/**
 * The short plan title shared by chat_reply (create_plan) and plan_outline, in
 * the analysis' language, at most 80 code points: "Mobile app launch in 6
 * weeks", "杭州三日游", "東京3日間の旅", "Viaje de 3 días a Sevilla",
 * "Voyage à Lyon".
 */
export function planTitle(a: Analysis): string {
  if (a.lang === "ja") return clip(japaneseTitle(a), 80);
  if (a.lang === "es" || a.lang === "fr") return clip(romanceTitle(a, a.lang), 80);
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

function japaneseTitle(a: Analysis): string {
  const s = a.subject;
  const dur = a.duration ? durationText(a.duration, "ja") : "";
  const within = dur ? `（${dur}）` : "";
  switch (a.domain) {
    case "software":
      return `${s}のリリース計画${within}`;
    case "trip": {
      const dest = a.hasSubject ? s : "";
      return dur ? `${dest}${dur}の旅` : dest ? `${dest}旅行プラン` : "旅行プラン";
    }
    case "event":
      return `${s}の準備計画`;
    case "learning":
      if (!a.hasSubject) return a.short;
      return a.kind === "exam" ? `${s}対策${within}` : `${s}の学習計画${within}`;
    case "writing":
      return `${s}の執筆計画`;
    case "moving":
      return a.hasSubject ? `${s}への引っ越し` : "引っ越し計画";
    case "fitness":
      if (a.kind === "race") return `${s}トレーニング計画`;
      return a.hasSubject ? `${s}計画` : /計画$/.test(a.short) ? a.short : `${a.short}の計画`;
    default:
      return /計画$/.test(a.short) ? a.short : `${a.short}の計画`;
  }
}

function romanceTitle(a: Analysis, lang: "es" | "fr"): string {
  const es = lang === "es";
  const s = a.subject;
  const de = deSubject(s, lang);
  const dur = a.duration ? durationText(a.duration, lang) : "";
  const within = dur ? ` en ${dur}` : "";
  switch (a.domain) {
    case "software":
      return `${es ? "Lanzamiento" : "Lancement"} ${de}${within}`;
    case "trip": {
      const dest = a.hasSubject ? ` ${es ? "a" : "à"} ${s}` : "";
      if (!dur && !dest) return es ? "Plan de viaje" : "Plan de voyage";
      return `${es ? "Viaje" : "Voyage"}${dur ? ` de ${dur}` : ""}${dest}`;
    }
    case "event":
      return `${es ? "Organización" : "Organisation"} ${de}`;
    case "learning":
      if (!a.hasSubject) return cap(a.short);
      if (a.kind === "exam") return `${es ? "Preparación" : "Préparation"} ${de}${within}`;
      return `${es ? "Aprender" : "Apprendre"} ${a.subjectIsVerb ? (es ? "a " : "à ") : ""}${s}${within}`;
    case "writing":
      return `${es ? "Plan de escritura" : "Plan d'écriture"} ${de}`;
    case "moving":
      return a.hasSubject ? `${es ? "Mudanza a" : "Déménagement à"} ${s}` : es ? "Plan de mudanza" : "Plan de déménagement";
    case "fitness":
      if (a.kind === "race") return `${es ? "Entrenamiento para" : "Entraînement pour"} ${s}`;
      return cap(a.hasSubject ? s : a.short);
    default:
      return cap(a.short);
  }
}
