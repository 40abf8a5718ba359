import "server-only";
// The subject of a Japanese, Spanish or French goal — the destination, the
// app, the event, the skill — as goal-analysis.ts shows it: Japanese as
// written, Spanish and French with their definite article ("la boda",
// "l'application") so the templates can say "para {s}" / "pour {s}".
// Heuristics only: undefined when nothing is found (a default is used then).
import type { Domain } from "./domain-detection.ts";

/** What was found: the subject, and whether it is a verb phrase ("tocar la guitarra"). */
export type FoundSubject = { subject: string; isVerb?: boolean };

const KANJI_KANA = "\\p{Script=Han}\\p{Script=Katakana}ー";
const WORD = "[\\p{L}'’-]+";
const CAP = `(\\p{Lu}[\\p{L}'’.-]*(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]*|de|del|la|las|los|le|les|du|des|sur|en))*)`;
const STOP_CAPS = new Set([
  "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre", "Octubre", "Noviembre", "Diciembre",
  "Janvier", "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre", "Novembre", "Décembre", "Noël", "Navidad", "Pâques",
]);

/** A Spanish or French noun with its definite article; `gender` maps each lower-case noun to its article. */
function withArticle(noun: string, rest: string, articles: Record<string, string>): string {
  const n = noun.toLowerCase();
  const article = articles[n] ?? articles[n.split(/\s+/)[0]] ?? "";
  const phrase = `${n}${rest ? ` ${rest.trim()}` : ""}`;
  return article.endsWith("'") ? `${article}${phrase}` : article ? `${article} ${phrase}` : phrase;
}

const ES_SOFTWARE: Record<string, string> = {
  app: "la", apps: "las", aplicación: "la", aplicacion: "la", "sitio web": "el", "página web": "la", "pagina web": "la", web: "la", plataforma: "la",
  "tienda online": "la", juego: "el", videojuego: "el", producto: "el", servicio: "el", herramienta: "la", software: "el",
};
const FR_SOFTWARE: Record<string, string> = {
  application: "l'", appli: "l'", app: "l'", "site web": "le", "site internet": "le", site: "le", plateforme: "la", logiciel: "le",
  jeu: "le", "jeu vidéo": "le", produit: "le", service: "le", outil: "l'", "boutique en ligne": "la",
};
const ES_EVENT: Record<string, string> = {
  boda: "la", fiesta: "la", evento: "el", conferencia: "la", congreso: "el", cumpleaños: "el", aniversario: "el", reunión: "la", cena: "la",
  celebración: "la", taller: "el", seminario: "el", retiro: "el", gala: "la", concierto: "el",
};
const FR_EVENT: Record<string, string> = {
  mariage: "le", fête: "la", soirée: "la", événement: "l'", évènement: "l'", conférence: "la", congrès: "le", anniversaire: "l'", réunion: "la",
  dîner: "le", séminaire: "le", atelier: "l'", gala: "le", concert: "le",
};
const ES_WRITING: Record<string, string> = { novela: "la", tesis: "la", artículo: "el", ensayo: "el", blog: "el", libro: "el", memorias: "las", guion: "el", cuento: "el", informe: "el" };
const FR_WRITING: Record<string, string> = { roman: "le", thèse: "la", mémoire: "le", article: "l'", essai: "l'", blog: "le", livre: "le", scénario: "le", nouvelle: "la", rapport: "le" };
const ES_RACE: Record<string, string> = { "media maratón": "la", maratón: "la", triatlón: "el", ultramaratón: "la" };
const FR_RACE: Record<string, string> = { "semi-marathon": "le", marathon: "le", triathlon: "le", trail: "le", "ultra-trail": "l'" };

const nouns = (table: Record<string, string>) => Object.keys(table).sort((a, b) => b.length - a.length).join("|");

/** The first of `table`'s nouns in `text`, with an optional modifier (`modifier` regex source), and its article. */
function nounWithArticle(text: string, table: Record<string, string>, modifier: string): string | undefined {
  const m = new RegExp(`(?<![\\p{L}])(${nouns(table)})(?![\\p{L}])((?:\\s+${modifier})?)`, "iu").exec(text);
  return m ? withArticle(m[1], m[2], table) : undefined;
}

/** A capitalised place after a preposition or verb of movement ("a Sevilla", "à Lyon", "visiter Rome"). */
function placeAfter(text: string, words: string): string | undefined {
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}])(?:${words})\\s+${CAP}`, "gu"))) {
    const parts = m[1].split(/\s+/);
    while (parts.length && (STOP_CAPS.has(parts.at(-1)!) || /^(?:de|del|la|las|los|le|les|du|des|sur|en)$/.test(parts.at(-1)!))) parts.pop();
    if (parts.length && !STOP_CAPS.has(parts[0])) return parts.join(" ").replace(/[.,]+$/, "");
  }
  return undefined;
}

/** Text after one of `verbs` up to a preposition or punctuation ("aprender inglés en 3 meses" → "inglés"). */
function afterVerbIntl(text: string, verbs: string, stops: string): string | undefined {
  const m = new RegExp(`(?<![\\p{L}])(?:${verbs})\\s+([^.,;:!?¡¿]{2,48}?)(?=\\s+(?:${stops})(?![\\p{L}])|[.,;:!?]|$)`, "iu").exec(text);
  return m?.[1].trim();
}

function japanese(domain: Domain, kind: string, text: string): FoundSubject | undefined {
  const lead = `[${KANJI_KANA}A-Za-z0-9]`;
  let m: RegExpExecArray | null;
  switch (domain) {
    case "software":
      m = new RegExp(`(${lead}{0,10}?(?:アプリ|ウェブサイト|サイト|ウェブサービス|サービス|システム|ゲーム|プラットフォーム|ツール))`, "u").exec(text);
      break;
    case "trip":
      m =
        new RegExp(`([${KANJI_KANA}]{1,8})(?:へ|に|で)の?(?:[\\d一二三四五六七八九十]+泊)?(?:[\\d一二三四五六七八九十]+日間?)?の?(?:旅行|旅|観光)`, "u").exec(text) ??
        new RegExp(`([${KANJI_KANA}]{1,8}?)(?:旅行|旅|観光)`, "u").exec(text) ??
        new RegExp(`([${KANJI_KANA}]{1,8})(?:に|へ)(?:遊びに)?行`, "u").exec(text);
      if (m && /^(?:家族|海外|国内|一人|卒業|新婚|社員|週末|日帰り|修学|団体)$/.test(m[1])) m = null;
      break;
    case "event":
      m = new RegExp(`(${lead}{0,6}?(?:結婚式|披露宴|誕生日パーティー|誕生日会|パーティー|カンファレンス|会議|イベント|セミナー|忘年会|新年会|歓迎会|送別会|飲み会|発表会|合宿|同窓会))`, "u").exec(text);
      break;
    case "learning":
      m =
        kind === "exam"
          ? new RegExp(`(${lead}{1,12}?(?:試験|検定)|TOEIC|TOEFL|IELTS|JLPT|英検)`, "u").exec(text)
          : new RegExp(`(${lead}{1,12})(?:を|の)?(?:勉強|学習|習得|練習|マスター)`, "u").exec(text);
      break;
    case "writing":
      m = new RegExp(`(${lead}{0,6}?(?:卒業論文|卒論|論文|小説|記事|ブログ|エッセイ|脚本|原稿|本))`, "u").exec(text);
      break;
    case "moving":
      m = new RegExp(`([${KANJI_KANA}]{1,8})(?:へ|に)の?(?:引っ越|引越|移住|転居)`, "u").exec(text);
      break;
    case "fitness": {
      const race = /(フルマラソン|ハーフマラソン|マラソン|トライアスロン|\d+\s*(?:km|キロ))/.exec(text);
      if (race) return { subject: race[1] };
      const loss = /(\d+\s*(?:kg|キロ))(?:の)?(?:減量|痩せ|やせ|落と)/.exec(text);
      return loss ? { subject: `${loss[1]}減量` } : undefined;
    }
    default:
      return undefined;
  }
  return m?.[1] ? { subject: m[1] } : undefined;
}

function spanish(domain: Domain, kind: string, text: string): FoundSubject | undefined {
  switch (domain) {
    case "software": {
      const s = nounWithArticle(text, ES_SOFTWARE, `(?:m[oó]vil|web|online|de\\s+${WORD}(?:\\s+${WORD})?)`);
      return s ? { subject: s } : undefined;
    }
    case "trip": {
      const s = placeAfter(text, "a|en|por|para|visitar|conocer|recorrer|hacia");
      return s ? { subject: s } : undefined;
    }
    case "event": {
      const s = nounWithArticle(text, ES_EVENT, `de\\s+${WORD}`);
      return s ? { subject: s } : undefined;
    }
    case "learning": {
      const raw = afterVerbIntl(text, "aprender|estudiar|dominar|practicar|mejorar(?:\\s+mi)?|preparar(?:me)?(?:\\s+para)?|aprobar|repasar", "en|antes|para|durante|este|esta|dentro|y");
      if (!raw) return undefined;
      const verb = /^a\s+/i.test(raw);
      return { subject: raw.replace(/^a\s+/i, ""), isVerb: verb && kind !== "exam" };
    }
    case "writing": {
      const s = nounWithArticle(text, ES_WRITING, `(?:de\\s+${WORD}|sobre\\s+${WORD})`);
      return s ? { subject: s } : undefined;
    }
    case "moving": {
      const s = placeAfter(text, "a|al|hacia");
      return s ? { subject: s } : undefined;
    }
    case "fitness": {
      const race = nounWithArticle(text, ES_RACE, "de\\s+\\p{Lu}\\p{L}+");
      if (race) return { subject: race };
      const km = /(?<![\p{L}\d])(\d+)\s?(?:k|km)(?![\p{L}])/iu.exec(text);
      if (km) return { subject: `la carrera de ${km[1]} km` };
      const loss = /perder\s+(\d+\s*(?:kg|kilos?))/i.exec(text);
      return loss ? { subject: `perder ${loss[1]}` } : undefined;
    }
    default:
      return undefined;
  }
}

function french(domain: Domain, kind: string, text: string): FoundSubject | undefined {
  switch (domain) {
    case "software": {
      const s = nounWithArticle(text, FR_SOFTWARE, `(?:mobile|web|en ligne|de\\s+${WORD}|d['’]${WORD})`);
      return s ? { subject: s } : undefined;
    }
    case "trip": {
      const s = placeAfter(text, "à|au|aux|en|visiter|découvrir|vers|dans");
      return s ? { subject: s } : undefined;
    }
    case "event": {
      const s = nounWithArticle(text, FR_EVENT, `(?:de\\s+${WORD}|d['’]${WORD})`);
      return s ? { subject: s } : undefined;
    }
    case "learning": {
      const raw = afterVerbIntl(text, "apprendre|étudier|maîtriser|pratiquer|améliorer(?:\\s+(?:mon|ma|mes))?|préparer|réussir|réviser(?:\\s+pour)?|passer", "en|avant|pour|pendant|d'ici|cette|ce|dans|et");
      if (!raw) return undefined;
      const verb = /^à\s+/i.test(raw);
      return { subject: raw.replace(/^à\s+/i, ""), isVerb: verb && kind !== "exam" };
    }
    case "writing": {
      const s = nounWithArticle(text, FR_WRITING, `(?:de\\s+${WORD}|sur\\s+${WORD}|d['’]${WORD})`);
      return s ? { subject: s } : undefined;
    }
    case "moving": {
      const s = placeAfter(text, "à|au|en|vers|dans");
      return s ? { subject: s } : undefined;
    }
    case "fitness": {
      const race = nounWithArticle(text, FR_RACE, "de\\s+\\p{Lu}\\p{L}+");
      if (race) return { subject: race };
      const km = /(?<![\p{L}\d])(\d+)\s?(?:k|km)(?![\p{L}])/iu.exec(text);
      if (km) return { subject: `le ${km[1]} km` };
      const loss = /perdre\s+(\d+\s*(?:kg|kilos?))/i.exec(text);
      return loss ? { subject: `perdre ${loss[1]}` } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The subject of a goal written in Japanese, Spanish or French, for its
 * domain and sub-kind; undefined when none is found.
 * @example intlSubject("software", "mobile", "Lanzar una app móvil en 6 semanas", "es") // { subject: "la app móvil" }
 */
export function intlSubject(domain: Domain, kind: string, text: string, lang: "ja" | "es" | "fr"): FoundSubject | undefined {
  const found = lang === "ja" ? japanese(domain, kind, text) : lang === "es" ? spanish(domain, kind, text) : french(domain, kind, text);
  return found && found.subject.trim() ? { ...found, subject: found.subject.trim() } : undefined;
}
