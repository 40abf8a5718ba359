import "server-only";
// The Markdown bodies of the documents writing tasks produce (documents.ts),
// in Japanese, Spanish and French: an invitation, a packing list, an agenda,
// a message or notes, filled with what the goal and task say.
import type { DocumentKind } from "./documents.ts";
import { findGuests, findStay } from "./execution-numbers.ts";
import type { TaskContext } from "./tool-choice.ts";

/** What a body needs besides the task: the date line, the subject, and the description split into bullets. */
export type DocumentParts = { date: string; subject: string; items: string[] };

/** The Japanese body of a document of `kind`. */
export function japaneseDocument(ctx: TaskContext, kind: DocumentKind, p: DocumentParts): string[] {
  const guests = findGuests(`${ctx.goal} ${ctx.description}`);
  const about = ctx.description ? [ctx.description, ""] : [];
  switch (kind) {
    case "invitation":
      return [
        `**${p.subject}**にご招待します。`,
        "",
        "## 日時",
        p.date,
        "",
        "## 場所",
        "会場はご出席のお返事をいただいた際にお知らせします。",
        "",
        "## ご案内",
        ...(ctx.description ? [`- ${ctx.description}`] : []),
        ...(guests ? [`- ${guests}名のご参加を予定しています。`] : []),
        "- 服装：スマートカジュアル",
        "",
        "## お返事",
        "お料理とお席の準備のため、1週間以内に出欠をお知らせください。",
      ];
    case "packing-list": {
      const days = findStay(ctx.goal).days ?? 4;
      return [
        ...about,
        "## 書類",
        "- [ ] 身分証明書またはパスポート",
        "- [ ] チケットと予約確認書",
        "- [ ] カードと少しの現金",
        "",
        "## 衣類",
        `- [ ] ${days}日分の普段着`,
        "- [ ] 歩きやすい靴",
        "- [ ] 薄手の上着",
        "",
        "## 洗面用品と薬",
        "- [ ] 歯ブラシ、歯みがき粉、シャンプー",
        "- [ ] 常備薬と絆創膏",
        "",
        "## 電子機器",
        "- [ ] スマートフォンと充電器",
        "- [ ] モバイルバッテリーと変換プラグ",
      ];
    }
    case "agenda":
      return [
        ...about,
        `**日付：**${p.date}`,
        "",
        "| 時間 | 内容 |",
        "| --- | --- |",
        "| 09:00 | 受付・歓迎 |",
        `| 09:30 | ${ctx.task} |`,
        "| 11:00 | 休憩 |",
        "| 11:15 | メインセッション |",
        "| 12:30 | まとめと次のステップ |",
      ];
    case "message":
      return [
        `**件名：**${ctx.task}`,
        "",
        "皆さま",
        "",
        ctx.description || `「${p.subject}」についてのお知らせです。`,
        "",
        `- 日付：${p.date}`,
        "- ご質問はこのメッセージにご返信ください。",
        "",
        "よろしくお願いいたします。",
      ];
    default:
      return [
        `**目標：**${ctx.goal || p.subject}`,
        "",
        "## チェックリスト",
        ...(p.items.length > 1 ? p.items : [ctx.description || ctx.task, "担当を決める", "進み具合を確認する日を決める"]).map((i) => `- [ ] ${i}`),
        ...(ctx.results.length ? ["", "## これまでに済んだこと", ...ctx.results.slice(0, 6).map((r) => `- ${r}`)] : []),
      ];
  }
}

/** The Spanish or French body of a document of `kind`. */
export function romanceDocument(ctx: TaskContext, kind: DocumentKind, p: DocumentParts, lang: "es" | "fr"): string[] {
  const es = lang === "es";
  const guests = findGuests(`${ctx.goal} ${ctx.description}`);
  const about = ctx.description ? [ctx.description, ""] : [];
  switch (kind) {
    case "invitation":
      return es
        ? [
            `Te invitamos a **${p.subject}**.`, "", "## Cuándo", p.date, "", "## Dónde", "Confirmaremos el lugar al recibir tu respuesta.", "", "## Detalles",
            ...(ctx.description ? [`- ${ctx.description}`] : []), ...(guests ? [`- Esperamos a ${guests} invitados.`] : []), "- Código de vestimenta: elegante informal.", "",
            "## Confirmación", "Responde en el plazo de una semana para que podamos organizar la comida y las mesas.",
          ]
        : [
            `Vous êtes invité(e) à **${p.subject}**.`, "", "## Quand", p.date, "", "## Où", "Le lieu sera confirmé avec votre réponse.", "", "## Détails",
            ...(ctx.description ? [`- ${ctx.description}`] : []), ...(guests ? [`- Nous attendons ${guests} invités.`] : []), "- Tenue : chic décontracté.", "",
            "## Réponse", "Merci de répondre sous une semaine pour que nous puissions prévoir le repas et les places.",
          ];
    case "packing-list": {
      const days = findStay(ctx.goal).days ?? 4;
      return es
        ? [
            ...about, "## Documentos", "- [ ] DNI o pasaporte", "- [ ] Billetes y confirmaciones de reserva", "- [ ] Tarjetas y algo de efectivo", "",
            "## Ropa", `- [ ] Ropa de diario para ${days} días`, "- [ ] Calzado cómodo para caminar", "- [ ] Una chaqueta ligera", "",
            "## Aseo y salud", "- [ ] Cepillo, pasta de dientes y champú", "- [ ] Medicamentos y tiritas", "",
            "## Electrónica", "- [ ] Móvil y cargador", "- [ ] Batería externa y adaptador de enchufe",
          ]
        : [
            ...about, "## Papiers", "- [ ] Carte d'identité ou passeport", "- [ ] Billets et confirmations de réservation", "- [ ] Cartes et un peu d'espèces", "",
            "## Vêtements", `- [ ] Des tenues pour ${days} jours`, "- [ ] Des chaussures confortables pour marcher", "- [ ] Une veste légère", "",
            "## Toilette et santé", "- [ ] Brosse à dents, dentifrice, shampooing", "- [ ] Médicaments et pansements", "",
            "## Électronique", "- [ ] Téléphone et chargeur", "- [ ] Batterie externe et adaptateur de prise",
          ];
    }
    case "agenda":
      return [
        ...about,
        es ? `**Fecha:** ${p.date}` : `**Date :** ${p.date}`,
        "",
        es ? "| Hora | Punto |" : "| Heure | Point |",
        "| --- | --- |",
        es ? "| 09:00 | Llegada y bienvenida |" : "| 09:00 | Accueil |",
        `| 09:30 | ${ctx.task} |`,
        es ? "| 11:00 | Pausa |" : "| 11:00 | Pause |",
        es ? "| 11:15 | Sesión principal |" : "| 11:15 | Session principale |",
        es ? "| 12:30 | Cierre y próximos pasos |" : "| 12:30 | Conclusion et prochaines étapes |",
      ];
    case "message":
      return es
        ? [`**Asunto:** ${ctx.task}`, "", "Hola a todos:", "", ctx.description || `Os escribimos con novedades sobre ${p.subject}.`, "", `- Fecha: ${p.date}`, "- ¿Dudas? Responded a este mensaje.", "", "Un saludo,"]
        : [`**Objet :** ${ctx.task}`, "", "Bonjour à tous,", "", ctx.description || `Voici des nouvelles de ${p.subject}.`, "", `- Date : ${p.date}`, "- Des questions ? Répondez simplement à ce message.", "", "Bien cordialement,"];
    default:
      return [
        es ? `**Objetivo:** ${ctx.goal || p.subject}` : `**Objectif :** ${ctx.goal || p.subject}`,
        "",
        es ? "## Lista de comprobación" : "## Liste de contrôle",
        ...(p.items.length > 1 ? p.items : [ctx.description || ctx.task, es ? "Acordar quién hace qué" : "Répartir qui fait quoi", es ? "Fijar una fecha para revisar el avance" : "Fixer une date pour faire le point"]).map((i) => `- [ ] ${i}`),
        ...(ctx.results.length ? ["", es ? "## Hecho hasta ahora" : "## Déjà fait", ...ctx.results.slice(0, 6).map((r) => `- ${r}`)] : []),
      ];
  }
}
