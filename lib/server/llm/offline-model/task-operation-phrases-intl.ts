import "server-only";
// Plan commands in Japanese, Spanish and French: run the plan or a task
// ("計画を実行して", "ejecuta el plan", "exécute la tâche 3"), add a task
// ("タスクを追加：…", "añade una tarea: …", "ajoute une tâche : …"), mark
// statuses ("タスク2を完了にして", "marca la tarea 2 como hecha", "marque la
// tâche 2 comme terminée"), delete, rename, move and break down. The English
// and Chinese phrasings are in task-operation-phrases-en.ts / -zh.ts and
// execution-phrases.ts.
import type { TaskStatus } from "@/lib/shared/plans";
import { cleanTitle, type Intent, type PhraseContext, type Placement } from "./task-operation-phrases.ts";
import { isAllRef, isNumberRef } from "./task-references.ts";

const ES_STATUS: [RegExp, TaskStatus][] = [
  [/^(?:hech[ao]|completad[ao]|terminad[ao]|finalizad[ao]|lista?|listo)$/, "done"],
  [/^(?:en curso|en progreso|empezad[ao]|iniciad[ao])$/, "in_progress"],
  [/^(?:pendiente|por hacer|sin empezar)$/, "todo"],
  [/^(?:bloquead[ao]|en espera)$/, "blocked"],
  [/^(?:omitid[ao]|saltad[ao]|cancelad[ao])$/, "skipped"],
  [/^(?:fallid[ao])$/, "failed"],
];
const FR_STATUS: [RegExp, TaskStatus][] = [
  [/^(?:termin[ée]e?|faite?|finie?|compl[ée]t[ée]e?|achev[ée]e?)$/, "done"],
  [/^(?:en cours|commenc[ée]e?|d[ée]marr[ée]e?)$/, "in_progress"],
  [/^(?:[àa] faire|pas commenc[ée]e?)$/, "todo"],
  [/^(?:bloqu[ée]e?|en attente)$/, "blocked"],
  [/^(?:ignor[ée]e?|saut[ée]e?|annul[ée]e?)$/, "skipped"],
  [/^(?:[ée]chou[ée]e?)$/, "failed"],
];
const JA_STATUS: [RegExp, TaskStatus][] = [
  [/^(?:完了|終了|済み|完成|終わり|done)$/, "done"],
  [/^(?:進行中|作業中|対応中|着手)$/, "in_progress"],
  [/^(?:未着手|未完了|todo|ToDo)$/, "todo"],
  [/^(?:ブロック|ブロック中|保留)$/, "blocked"],
  [/^(?:スキップ|不要|キャンセル)$/, "skipped"],
  [/^(?:失敗)$/, "failed"],
];
const statusOf = (table: [RegExp, TaskStatus][], word: string) => table.find(([re]) => re.test(word.trim().toLowerCase()))?.[1];
const ES_STATUS_WORDS = "hech[ao]|completad[ao]|terminad[ao]|finalizad[ao]|listo|lista|en curso|en progreso|empezad[ao]|iniciad[ao]|pendiente|por hacer|sin empezar|bloquead[ao]|en espera|omitid[ao]|saltad[ao]|cancelad[ao]|fallid[ao]";
const FR_STATUS_WORDS = "termin[ée]e?|faite?|finie?|compl[ée]t[ée]e?|achev[ée]e?|en cours|commenc[ée]e?|d[ée]marr[ée]e?|[àa] faire|pas commenc[ée]e?|bloqu[ée]e?|en attente|ignor[ée]e?|saut[ée]e?|annul[ée]e?|[ée]chou[ée]e?";
const JA_STATUS_WORDS = "完了|終了|済み|完成|終わり|進行中|作業中|対応中|着手|未着手|未完了|ブロック中|ブロック|保留|スキップ|不要|キャンセル|失敗";

/** A reference that clearly names a task, so a command with it is worth reading ("tarea 3", a quote). */
function clearRef(ref: string, ctx: PhraseContext): boolean {
  const r = ref.trim();
  return Boolean(r) && (isAllRef(r) || ctx.isTask(r) || isNumberRef(r) || /^["“‘'«「『]/.test(r) || /(?<![\p{L}])(?:tareas?|pasos?|t[âa]ches?|[ée]tapes?)(?![\p{L}])|タスク|ステップ/iu.test(r));
}

function execute(ref: string, ctx: PhraseContext): Intent | undefined {
  const r = ref.trim();
  if (/^(?:it|lo|la|le|l'|それ|これ)$/i.test(r)) return { op: "execute", ref: "it" };
  return clearRef(r, ctx) ? { op: "execute", ref: isAllRef(r) ? null : r } : undefined;
}

/** Where an added task goes, from a trailing phrase ("antes de la tarea 2", "sous la tâche 3"). */
function placed(body: string, words: Record<string, "before" | "after" | "under">, ctx: PhraseContext): { title: string; placement: Placement | null } {
  const source = Object.keys(words).join("|");
  const m = new RegExp(`^(.+?)\\s+(${source})\\s+(.+)$`, "iu").exec(body);
  if (m && (ctx.isTask(m[3]) || isNumberRef(m[3]))) return { title: m[1], placement: { at: words[m[2].toLowerCase()], ref: m[3] } };
  return { title: body, placement: null };
}

function spanish(c: string, ctx: PhraseContext): Intent | undefined {
  if (/^(?:ejecuta|ejecutar|ejecútalo|lleva a cabo|realiza|inicia|arranca|lanza|empieza|comienza)(?:\s+(?:ya|ahora))?(?:\s+(?:el|este|mi|nuestro|todo el)?\s*plan(?:\s+completo)?)?$|^(?:adelante|hazlo|manos a la obra)$/i.test(c)) {
    return { op: "execute", ref: null };
  }
  let m = /^(?:ejecuta|ejecutar|realiza|haz|lleva a cabo)\s+(.+)$/i.exec(c);
  if (m) return execute(m[1], ctx);
  m = new RegExp(`^(?:marca|marcar|pon|poner|cambia|cambiar|deja|dejar)\\s+(.+?)\\s+(?:como|a|en)\\s+(${ES_STATUS_WORDS})$`, "iu").exec(c);
  if (m) return { op: "status", refs: m[1], status: statusOf(ES_STATUS, m[2]) ?? "done" };
  m = new RegExp(`^(.+?)\\s+(?:ya\\s+)?(?:está|están)\\s+(?:ya\\s+)?(${ES_STATUS_WORDS})$`, "iu").exec(c);
  if (m && clearRef(m[1], ctx)) return { op: "status", refs: m[1], status: statusOf(ES_STATUS, m[2]) ?? "done" };
  m = /^(?:completa|termina|finaliza)\s+(.+)$/i.exec(c);
  if (m && clearRef(m[1], ctx)) return { op: "status", refs: m[1], status: "done" };
  m = /^(?:desglosa|desglosar|divide|dividir|detalla|detallar)\s+(.+?)(?:\s+en\s+(?:subtareas|pasos(?:\s+más\s+pequeños)?))?$/i.exec(c);
  if (m) return { op: "decompose", ref: isAllRef(m[1]) ? null : m[1] };
  m = /^(?:renombra|renombrar|cambia el (?:nombre|título) de)\s+(.+?)\s+(?:como|a|por)\s+(.+)$/i.exec(c);
  if (m) return cleanTitle(m[2], false) ? { op: "update", ref: m[1], title: cleanTitle(m[2], false), description: null } : undefined;
  m = /^(?:elimina|eliminar|borra|borrar|quita|quitar)\s+(.+?)(?:\s+del\s+plan)?$/i.exec(c);
  if (m) return { op: "delete", refs: m[1] };
  m = /^(?:mueve|mover)\s+(.+?)\s+(antes de|después de|dentro de|al principio|al final)(?:\s+(.+))?$/i.exec(c);
  if (m) {
    const where = m[2].toLowerCase();
    if (where === "al principio" || where === "al final") return { op: "move", ref: m[1], placement: { at: where === "al final" ? "end" : "top" } };
    return m[3] ? { op: "move", ref: m[1], placement: { at: where === "antes de" ? "before" : where === "después de" ? "after" : "under", ref: m[3] } } : undefined;
  }
  m = /^(?:añade|añadir|agrega|agregar|incluye|incluir|mete)\s+(.+)$/i.exec(c);
  if (!m) return undefined;
  const kind = /^(?:(?:una|otra|la|nueva)\s+)*(?:(subtarea)|tarea|paso)\b\s*(?:[:\-–—]|llamada|que diga|para)?\s*/i.exec(m[1]);
  const body = kind ? m[1].slice(kind[0].length) : m[1];
  const { title, placement } = placed(body.replace(/\s+al\s+plan$/i, ""), { "antes de": "before", "después de": "after", "dentro de": "under", bajo: "under" }, ctx);
  const t = cleanTitle(title, false);
  if (!t) return undefined;
  const subtask = Boolean(kind?.[1]);
  return { op: "add", title: t, placement: placement ?? (subtask ? { at: "under", ref: "" } : null), subtask };
}

function french(c: string, ctx: PhraseContext): Intent | undefined {
  if (/^(?:ex[ée]cute|ex[ée]cutez|ex[ée]cuter|lance|lancez|lancer|r[ée]alise|r[ée]alisez|d[ée]marre|d[ée]marrez|mets en (?:œuvre|oeuvre))(?:\s+(?:le|ce|mon|notre|tout le)?\s*plan(?:\s+complet)?)?$|^(?:vas-y|allez-y|c'est parti)$/i.test(c)) {
    return { op: "execute", ref: null };
  }
  let m = /^(?:ex[ée]cute|ex[ée]cutez|ex[ée]cuter|lance|lancez|r[ée]alise|r[ée]alisez|fais|faites)\s+(.+)$/i.exec(c);
  if (m) return execute(m[1], ctx);
  m = new RegExp(`^(?:marque|marquer|marquez|mets|mettre|mettez|passe|passez|passer)\\s+(.+?)\\s+(?:comme|en|à)\\s+(${FR_STATUS_WORDS})$`, "iu").exec(c);
  if (m) return { op: "status", refs: m[1], status: statusOf(FR_STATUS, m[2]) ?? "done" };
  m = new RegExp(`^(.+?)\\s+(?:est|sont)\\s+(?:maintenant\\s+|déjà\\s+)?(${FR_STATUS_WORDS})$`, "iu").exec(c);
  if (m && clearRef(m[1], ctx)) return { op: "status", refs: m[1], status: statusOf(FR_STATUS, m[2]) ?? "done" };
  m = /^(?:termine|terminez|finis|finissez|compl[èe]te)\s+(.+)$/i.exec(c);
  if (m && clearRef(m[1], ctx)) return { op: "status", refs: m[1], status: "done" };
  m = /^(?:d[ée]compose|d[ée]composer|d[ée]composez|d[ée]taille|d[ée]tailler|d[ée]taillez|d[ée]coupe|d[ée]couper)\s+(.+?)(?:\s+en\s+(?:sous-t[âa]ches|[ée]tapes))?$/i.exec(c);
  if (m) return { op: "decompose", ref: isAllRef(m[1]) ? null : m[1] };
  m = /^(?:renomme|renommer|renommez)\s+(.+?)\s+en\s+(.+)$/i.exec(c);
  if (m) return cleanTitle(m[2], false) ? { op: "update", ref: m[1], title: cleanTitle(m[2], false), description: null } : undefined;
  m = /^(?:supprime|supprimer|supprimez|efface|effacez|enl[èe]ve|enlevez|retire|retirez)\s+(.+?)(?:\s+du\s+plan)?$/i.exec(c);
  if (m) return { op: "delete", refs: m[1] };
  m = /^(?:d[ée]place|d[ée]placer|d[ée]placez)\s+(.+?)\s+(avant|apr[èe]s|sous|en t[êe]te|[àa] la fin)(?:\s+(.+))?$/i.exec(c);
  if (m) {
    const where = m[2].toLowerCase();
    if (/t[êe]te|fin/.test(where)) return { op: "move", ref: m[1], placement: { at: /fin/.test(where) ? "end" : "top" } };
    return m[3] ? { op: "move", ref: m[1], placement: { at: where === "avant" ? "before" : where === "sous" ? "under" : "after", ref: m[3] } } : undefined;
  }
  m = /^(?:ajoute|ajouter|ajoutez|rajoute|rajoutez|ins[èe]re|ins[ée]rer|ins[ée]rez)\s+(.+)$/i.exec(c);
  if (!m) return undefined;
  const kind = /^(?:(?:une|un|la|nouvelle|autre)\s+)*(?:(sous-t[âa]che)|t[âa]che|[ée]tape)(?![\p{L}])\s*(?:[:\-–—]|appel[ée]e|intitul[ée]e|pour)?\s*/iu.exec(m[1]);
  const body = kind ? m[1].slice(kind[0].length) : m[1];
  const { title, placement } = placed(body.replace(/\s+au\s+plan$/i, ""), { avant: "before", après: "after", apres: "after", sous: "under" }, ctx);
  const t = cleanTitle(title, false);
  if (!t) return undefined;
  const subtask = Boolean(kind?.[1]);
  return { op: "add", title: t, placement: placement ?? (subtask ? { at: "under", ref: "" } : null), subtask };
}

function japanese(c: string, ctx: PhraseContext): Intent | undefined {
  if (/^(?:この|その|今の)?(?:計画|プラン)?(?:全体)?を?(?:実行|開始|スタート)(?:して|する|しよう|しましょう|してください|をお願いします|開始)?$/.test(c)) return { op: "execute", ref: null };
  let m = /^(.+?)を実行(?:して|する|しよう|してください)?$/.exec(c);
  if (m) return execute(m[1], ctx);
  m = new RegExp(`^(.+?)を(${JA_STATUS_WORDS})(?:に|と)?(?:して|する|にして|にする|にしてください|としてマーク|済みにして)?$`).exec(c);
  if (m) return { op: "status", refs: m[1], status: statusOf(JA_STATUS, m[2]) ?? "done" };
  m = new RegExp(`^(.+?)(?:は|が)(?:もう)?(${JA_STATUS_WORDS})(?:です|しました|した|になりました)?$`).exec(c);
  if (m && clearRef(m[1], ctx)) return { op: "status", refs: m[1], status: statusOf(JA_STATUS, m[2]) ?? "done" };
  m = /^(.+?)を(?:分解|細分化|もっと詳しく|詳しく|細かく)(?:して|する|してください)?$/.exec(c);
  if (m) return { op: "decompose", ref: isAllRef(m[1]) ? null : m[1] };
  m = /^(.+?)の名前を(.+?)に(?:変更|変えて|変える)(?:して|してください)?$/.exec(c) ?? /^(.+?)を(.+?)に名前変更(?:して|してください)?$/.exec(c);
  if (m) return cleanTitle(m[2], true) ? { op: "update", ref: m[1], title: cleanTitle(m[2], true), description: null } : undefined;
  m = /^(.+?)を削除(?:して|する|してください)?$/.exec(c);
  if (m) return { op: "delete", refs: m[1] };
  m = /^(.+?)を(.+?)の(前|後|下)に移動(?:して|してください)?$/.exec(c);
  if (m) return { op: "move", ref: m[1], placement: { at: m[3] === "前" ? "before" : m[3] === "後" ? "after" : "under", ref: m[2] } };
  m = /^(?:(サブ)?タスク|項目)を?追加[:：]\s*(.+)$/.exec(c) ?? /^(?:新しい)?(サブ)?タスク[:：]\s*(.+)$/.exec(c);
  let title: string | undefined = m?.[2];
  let subtask = Boolean(m?.[1]);
  let placement: Placement | null = null;
  if (!m) {
    const n = /^(.+?)(?:という|の)?(サブ)?(?:タスク)?を(?:(.+?)の(前|後|下)に)?追加(?:して|する|してください)?$/.exec(c);
    if (!n) return undefined;
    title = n[1];
    subtask = Boolean(n[2]);
    if (n[3]) placement = { at: n[4] === "前" ? "before" : n[4] === "後" ? "after" : "under", ref: n[3] };
  }
  const t = cleanTitle(title ?? "", true);
  if (!t) return undefined;
  return { op: "add", title: t, placement: placement ?? (subtask ? { at: "under", ref: "" } : null), subtask };
}

const ES_POLITE = /^(?:(?:por favor|vale|bueno|ok|venga|ahora|entonces|y|también|oye)[,!\s]+)*(?:¿?(?:puedes|podrías)\s+)?/i;
const FR_POLITE = /^(?:(?:s'il (?:te|vous) pla[îi]t|ok|bon|alors|maintenant|et|aussi|stp|svp)[,!\s]+)*(?:(?:peux-tu|pouvez-vous|tu peux|vous pouvez|pourrais-tu|pourriez-vous)\s+)?/i;
const LATIN_TRAILING = /(?:,?\s*(?:por favor|s'il (?:te|vous) pla[îi]t|stp|svp|ya|ahora|maintenant|gracias|merci))*[\s.!?¡¿]*$/i;
const JA_POLITE = /^(?:では|じゃあ|それでは|次に|あと|また|すみません[、,]?)+/;
const JA_TRAILING = /(?:ください|下さい|ね|よ|お願いします|お願い)*[\s。！？!?.、,]*$/;

/**
 * Reads one clause as a plan command in Japanese (kana in it), else Spanish
 * or French (both are tried), after politeness ("por favor", "s'il te
 * plaît", "お願いします"). Weak phrasings ("la tarea 2 está hecha",
 * "タスク2は完了") only count when the reference clearly names a task.
 * Undefined when the clause is none of them.
 */
export function readIntlClause(clause: string, ctx: PhraseContext): Intent | undefined {
  const raw = clause.trim();
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(raw) || /^[\p{Script=Han}]+を/u.test(raw)) {
    const c = raw.replace(JA_POLITE, "").replace(JA_TRAILING, "").trim();
    return c ? japanese(c, ctx) : undefined;
  }
  const es = raw.replace(ES_POLITE, "").replace(LATIN_TRAILING, "").trim();
  const fr = raw.replace(FR_POLITE, "").replace(LATIN_TRAILING, "").trim();
  return (es ? spanish(es, ctx) : undefined) ?? (fr ? french(fr, ctx) : undefined);
}
