// The offline planner in Japanese, Spanish and French (English and Chinese
// have their own tests): goals read in each language (domain, subject,
// duration, title), outlines and subtasks in the language, plan commands
// ("execute the plan", "add a task …", "mark task N done") and their replies,
// and execution: the tool-result sentences and a document, through the real
// AI SDK tool loop.
import { generateText, stepCountIs, tool } from "ai";
import { describe, expect, it } from "vitest";
import { writeDocumentInput } from "@/lib/server/tools/schemas";
import type { Language } from "@/lib/shared/language";
import { buildPrompt, detectLanguage } from "../prompts.ts";
import { chatReply } from "./chat-reply.ts";
import { extractDuration } from "./duration.ts";
import { analyzeGoal } from "./goal-analysis.ts";
import { createOfflinePlannerModel } from "./index.ts";
import { planOutline } from "./outline.ts";
import { planTitle } from "./plan-title.ts";
import { subtasks } from "./subtasks.ts";
import { summarizeOutcomes } from "./tool-summaries.ts";

const NULLS = { taskId: null, parentId: null, position: null, description: null, status: null, title: null, goal: null };
const PLAN: Record<"ja" | "es" | "fr", string> = {
  ja: "t1|1|todo|ホテルを予約する ;; t2|2|todo|チケットを買う ;; t3|3|todo|荷造りする",
  es: "t1|1|todo|Reservar el hotel ;; t2|2|todo|Comprar billetes ;; t3|3|todo|Hacer la maleta",
  fr: "t1|1|todo|Réserver l'hôtel ;; t2|2|todo|Acheter les billets ;; t3|3|todo|Faire la valise",
};

describe("goals in Japanese, Spanish and French", () => {
  it.each([
    ["Lanzar una app móvil en 6 semanas", "es", "software", "la app móvil", "Lanzamiento de la app móvil en 6 semanas"],
    ["Lancer une application mobile en 6 semaines", "fr", "software", "l'application mobile", "Lancement de l'application mobile en 6 semaines"],
    ["6週間でモバイルアプリをリリースする", "ja", "software", "モバイルアプリ", "モバイルアプリのリリース計画（6週間）"],
    ["Organizar una boda para 80 invitados", "es", "event", "la boda", "Organización de la boda"],
    ["Organiser un mariage pour 80 invités", "fr", "event", "le mariage", "Organisation du mariage"],
    ["80人の結婚式を準備したい", "ja", "event", "結婚式", "結婚式の準備計画"],
    ["Aprobar el DELE en tres meses", "es", "learning", "el DELE", "Preparación del DELE en 3 meses"],
    ["Apprendre l'espagnol en 3 mois", "fr", "learning", "l'espagnol", "Apprendre l'espagnol en 3 mois"],
    ["3か月で英検に合格したい", "ja", "learning", "英検", "英検対策（3か月）"],
    ["Écrire un roman en un an", "fr", "writing", "le roman", "Plan d'écriture du roman"],
    ["小説を書きたい", "ja", "writing", "小説", "小説の執筆計画"],
    ["Mudarme a Madrid el mes que viene", "es", "moving", "Madrid", "Mudanza a Madrid"],
    ["大阪に引っ越したい", "ja", "moving", "大阪", "大阪への引っ越し"],
    ["Courir un semi-marathon en 12 semaines", "fr", "fitness", "le semi-marathon", "Entraînement pour le semi-marathon"],
    ["Organiza un viaje de tres días a Sevilla", "es", "trip", "Sevilla", "Viaje de 3 días a Sevilla"],
    ["東京で3日間の旅行を計画して", "ja", "trip", "東京", "東京3日間の旅"],
    ["Un week-end à Paris", "fr", "trip", "Paris", "Voyage de 2 jours à Paris"],
    ["Quiero reformar mi cocina", "es", "generic", "", "Reformar mi cocina"],
  ] as const)("%j (%s) is %s about %j, titled %j", (goal, lang, domain, subject, title) => {
    const a = analyzeGoal(goal, lang);
    expect([a.domain, a.hasSubject ? a.subject : ""]).toEqual([domain, subject]);
    expect(planTitle(a)).toBe(title);
  });

  it.each([
    ["tres días", { value: 3, unit: "day" }],
    ["un mes", { value: 1, unit: "month" }],
    ["deux semaines", { value: 2, unit: "week" }],
    ["3 jours", { value: 3, unit: "day" }],
    ["2泊3日", { value: 3, unit: "day" }],
    ["6週間", { value: 6, unit: "week" }],
    ["2か月", { value: 2, unit: "month" }],
    ["fin de semana", { value: 2, unit: "day" }],
    ["週末", { value: 2, unit: "day" }],
    ["3月20日", undefined],
  ])("reads the duration in %j", (text, want) => {
    expect(extractDuration(text)).toEqual(want);
  });

  it.each(["ja", "es", "fr"] as const)("outlines and splits a plan in %s: titles, descriptions, narration and subtasks", (lang) => {
    const goal = { ja: "6週間でモバイルアプリをリリースする", es: "Lanzar una app móvil en 6 semanas", fr: "Lancer une application mobile en 6 semaines" }[lang];
    const outline = planOutline(goal, lang);
    expect(outline.tasks.map((t) => t.title)).toEqual(
      {
        ja: ["1週目：MVPの範囲とリリース目標を決める", "2週目：主要な流れを設計してプロトタイプを作る", "3週目：中心機能を開発する", "4週目：テストとベータ運用", "5週目：ストア掲載とリリース素材を用意する", "6週目：リリースと監視"],
        es: [
          "Semana 1: Definir el alcance del MVP y los objetivos del lanzamiento",
          "Semana 2: Diseñar y prototipar los flujos clave",
          "Semana 3: Desarrollar las funciones principales",
          "Semana 4: Probar y lanzar una beta",
          "Semana 5: Preparar las fichas de las tiendas y el material de lanzamiento",
          "Semana 6: Lanzar y vigilar",
        ],
        fr: [
          "Semaine 1 : Définir le périmètre du MVP et les objectifs de lancement",
          "Semaine 2 : Concevoir et prototyper les parcours clés",
          "Semaine 3 : Développer les fonctionnalités clés",
          "Semaine 4 : Tester et lancer une bêta",
          "Semaine 5 : Préparer les fiches des stores et les supports de lancement",
          "Semaine 6 : Lancer et surveiller",
        ],
      }[lang],
    );
    expect(outline.tasks[0].description).toContain({ ja: "モバイルアプリに欠かせない機能", es: "imprescindibles de la app móvil", fr: "indispensables de l'application mobile" }[lang]);
    expect(detectLanguage(outline.narration.join(" "))).toBe(lang);
    const split = subtasks({ goal, task: outline.tasks[2].title, description: outline.tasks[2].description, language: lang });
    expect(split.subtasks[0].title).toBe({ ja: "プロジェクト・CI・環境を整える", es: "Configurar el proyecto, la CI y los entornos", fr: "Mettre en place le projet, la CI et les environnements" }[lang]);
    expect(detectLanguage(split.narration.join(" "))).toBe(lang);
    // A task no template knows is split by the rules, in the language.
    const own = subtasks({ goal: "", task: { ja: "レストランを予約する", es: "Reservar el restaurante", fr: "Réserver le restaurant" }[lang], description: "", language: lang });
    expect(own.subtasks[0].title).toBe({ ja: "「レストランを予約する」の選択肢を比べる", es: "Comparar las opciones para «Reservar el restaurante»", fr: "Comparer les options pour « Réserver le restaurant »" }[lang]);
  });
});

describe("plan commands in Japanese, Spanish and French", () => {
  it.each([
    ["ja", "計画を実行して", [{ kind: "execute_plan" }]],
    ["es", "Ejecuta el plan", [{ kind: "execute_plan" }]],
    ["fr", "Exécute le plan", [{ kind: "execute_plan" }]],
    ["ja", "タスクを追加：レストランを予約する", [{ kind: "add_task", title: "レストランを予約する", description: "" }]],
    ["es", "Añade una tarea: reservar el restaurante", [{ kind: "add_task", title: "Reservar el restaurante", description: "" }]],
    ["fr", "Ajoute une tâche : réserver le restaurant", [{ kind: "add_task", title: "Réserver le restaurant", description: "" }]],
    ["ja", "タスク2を完了にして", [{ kind: "set_task_status", taskId: "t2", status: "done" }]],
    ["es", "Marca la tarea 2 como hecha", [{ kind: "set_task_status", taskId: "t2", status: "done" }]],
    ["fr", "Marque la tâche 2 comme terminée", [{ kind: "set_task_status", taskId: "t2", status: "done" }]],
    ["es", "Marca la tercera tarea como en curso", [{ kind: "set_task_status", taskId: "t3", status: "in_progress" }]],
    ["fr", "Supprime la tâche 3 et exécute la tâche 1", [{ kind: "delete_task", taskId: "t3" }, { kind: "execute_task", taskId: "t1" }]],
    ["ja", "3番目のタスクを実行して", [{ kind: "execute_task", taskId: "t3" }]],
  ] as const)("%s %j", (lang, message, actions) => {
    const reply = chatReply({ message, language: lang, planTasks: PLAN[lang] });
    expect(reply.actions).toEqual(actions.map((a) => ({ ...NULLS, ...a })));
    expect(detectLanguage(reply.reply, lang)).toBe(lang);
  });

  it("says what it will do in the message's language", () => {
    expect(chatReply({ message: "Marca la tarea 2 como hecha", language: "es", planTasks: PLAN.es }).reply).toBe("Claro, voy a marcar «Comprar billetes» como hecha.");
    expect(chatReply({ message: "Ajoute une tâche : réserver le restaurant", language: "fr", planTasks: PLAN.fr }).reply).toBe("Bien sûr — je vais ajouter « Réserver le restaurant ».");
    expect(chatReply({ message: "タスク2を完了にして", language: "ja", planTasks: PLAN.ja }).reply).toBe("わかりました。「チケットを買う」を完了にします。");
    expect(chatReply({ message: "Exécute le plan", language: "fr", planTasks: PLAN.fr }).reply).toBe(
      "J'exécute le plan maintenant : 3 tâches dans l'ordre, en commençant par « Réserver l'hôtel », en utilisant les outils là où ils aident.",
    );
  });

  it("asks back in the language when a task is unknown or there is no plan", () => {
    expect(chatReply({ message: "Elimina la tarea 9", language: "es", planTasks: PLAN.es })).toEqual({
      reply: "No encontré «la tarea 9» en este plan. ¿A qué tarea te refieres? Puedes usar su número o su título, por ejemplo «tarea 1» o «Reservar el hotel».",
      actions: [],
    });
    expect(chatReply({ message: "計画を実行して", language: "ja" }).actions).toEqual([]);
    expect(chatReply({ message: "Exécute le plan", language: "fr" }).reply).toMatch(/^Il n'y a pas encore de plan à exécuter\./);
  });

  it.each([
    ["ja", "こんにちは"],
    ["es", "hola"],
    ["fr", "merci beaucoup"],
    ["ja", "あなたは何ができますか？"],
    ["es", "¿Qué puedes hacer?"],
    ["fr", "asdf qwer zxcv"],
  ] as const)("answers %s %j without actions, in the language", (lang, message) => {
    const reply = chatReply({ message, language: lang });
    expect(reply.actions).toEqual([]);
    expect(detectLanguage(reply.reply)).toBe(lang);
  });
});

describe("execution in Japanese, Spanish and French", () => {
  const model = createOfflinePlannerModel({ latencyMs: 0 });

  it("writes the invitation in the task's language through the AI SDK tool loop, then says so", async () => {
    const written: string[] = [];
    const tools = {
      write_document: tool({
        description: "Writes a Markdown document.",
        inputSchema: writeDocumentInput,
        execute: async ({ filename, content }) => {
          written.push(content);
          return { artifactId: "art-1", name: `${filename ?? "document"}.md`, bytes: content.length };
        },
      }),
    };
    const run = async (language: Language, Task: string, Goal: string) => {
      const { system, prompt } = buildPrompt({ Request: "execute_task", Language: language, Plan: "Fiesta", TaskId: "t1", Today: "2027-03-01", Task, Goal });
      return (await generateText({ model, system, prompt, tools, stopWhen: stepCountIs(5), maxRetries: 0 })).text;
    };
    expect(await run("es", "Diseñar la invitación", "Fiesta de cumpleaños para 20 personas el 20 de marzo")).toBe("Escribí «Diseñar la invitación» (disenar-la-invitacion.md).");
    expect(written.at(-1)).toContain("Te invitamos a **Fiesta**.\n\n## Cuándo\nsábado, 2027-03-20\n");
    expect(written.at(-1)).toContain("- Esperamos a 20 invitados.");
    expect(await run("ja", "招待状をデザインする", "3月20日に20人の誕生日パーティー")).toBe("「招待状をデザインする」を作成しました（invitation.md）。");
    expect(written.at(-1)).toContain("## 日時\n2027-03-20（土曜日）");
    expect(await run("fr", "Concevoir l'invitation", "Fête pour 20 personnes le 20 mars")).toBe("J'ai rédigé « Concevoir l'invitation » (concevoir-l-invitation.md).");
    expect(written.at(-1)).toContain("## Quand\nsamedi 2027-03-20\n");
  });

  it("says what each tool returned, or that it failed or was not run", () => {
    const outcomes = [
      { toolName: "calculate", input: { expression: "20 * 35 EUR + 180 EUR" }, output: { type: "json" as const, value: { expression: "20 * 35 EUR + 180 EUR", result: "880 EUR" } } },
      { toolName: "schedule", input: { operation: "subtract", date: "2027-03-20", amount: 10 }, output: { type: "json" as const, value: { date: "2027-03-08" } } },
      { toolName: "write_document", input: { title: "X" }, output: { type: "error-text" as const, value: "Error: disk full" } },
      { toolName: "create_calendar", input: {}, output: { type: "execution-denied" as const } },
    ];
    expect(summarizeOutcomes(outcomes, [], "es")).toBe(
      "Resultado: 880 EUR (20 × 35 EUR + 180 EUR). Fecha límite: 2027-03-08 (lunes), 10 días hábiles antes de la fecha objetivo 2027-03-20. write_document falló: disk full. create_calendar no se ejecutó: la llamada no se aprobó.",
    );
    expect(summarizeOutcomes(outcomes, [], "fr")).toBe(
      "Résultat : 880 EUR (20 × 35 EUR + 180 EUR). Échéance : 2027-03-08 (lundi), 10 jours ouvrés avant la date cible du 2027-03-20. write_document a échoué : disk full. create_calendar n'a pas été exécuté : l'appel n'a pas été approuvé.",
    );
    expect(summarizeOutcomes(outcomes, [], "ja")).toBe(
      "結果：880 EUR（20 × 35 EUR + 180 EUR）。期限：2027-03-08（月曜日）、目標日2027-03-20の10営業日前。write_documentは失敗しました：disk full。create_calendarは実行されませんでした：呼び出しが承認されませんでした。",
    );
  });
});
