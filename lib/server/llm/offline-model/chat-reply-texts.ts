import "server-only";
// What chat_reply says, in each language: questions back, small talk, the
// reply to a new goal, and the words that recognise small talk, questions
// about the app, goals and breakdown requests in Japanese, Spanish and French
// (English and Chinese ones are in chat-reply.ts).
import type { Language } from "@/lib/shared/language";

/** The reply texts of chat_reply in one language. */
export type ChatTexts = {
  newPlanWhich: string;
  decomposeTask: (title: string) => string;
  decomposeAll: string;
  appIntro: string;
  gibberish: string;
  moreDetail: string;
  planned: [(title: string) => string, (title: string) => string, (title: string) => string];
  within: (duration: string) => string;
  addOrNew: (text: string) => string;
  editHelp: (example: string) => string;
  thanks: [string, string];
  bye: string;
  ok: string;
  hello: [string, string];
};

export const CHAT_TEXTS: Record<Language, ChatTexts> = {
  en: {
    newPlanWhich: "Sure — what's the goal of the new plan? For example, “new plan for a 3-day trip to Hangzhou”.",
    decomposeTask: (t) => `Sure — I'll break “${t}” down into concrete subtasks.`,
    decomposeAll: "Sure — I'll break every top-level task of the plan into subtasks.",
    appIntro:
      "I'm Planstream's planning assistant. Tell me a goal and I'll turn it into an ordered plan, then break each task into concrete steps. You can also ask me to break down any task further.",
    gibberish: "Sorry, I couldn't make sense of that. What goal would you like to plan? For example, “launch a mobile app in 6 weeks”.",
    moreDetail: "Could you tell me a bit more about your goal? For example, “launch a mobile app in 6 weeks” or “plan a 3-day trip to Hangzhou”.",
    planned: [
      (t) => `Great goal! I'll draft a plan for “${t}” and break each step into subtasks.`,
      (t) => `On it — planning “${t}” now: first the main steps, then the details of each.`,
      (t) => `Sounds good. I'll turn “${t}” into an ordered plan with concrete subtasks.`,
    ],
    within: (d) => ` Everything will fit into ${d}.`,
    addOrNew: (x) => `This conversation already has a plan. Should I add “${x}” to it as a task, or start a new plan for it? Say “add ${x}” or “new plan: ${x}”.`,
    editHelp: (ex) =>
      `What would you like to change in the plan? For example, “add a task to book restaurants”, “mark task 1 as done”, “move task 2 before task 1”, “rename “${ex}” to …” or “break down task 1”.`,
    thanks: ["You're welcome! Anything else you'd like to plan?", "Happy to help! Tell me whenever you have the next goal."],
    bye: "Bye for now! Come back whenever you have something to plan.",
    ok: "Great! Tell me if you'd like to adjust the plan or break a task down further.",
    hello: [
      "Hi! Tell me a goal — say, “launch a mobile app in 6 weeks” or “a 3-day trip to Hangzhou” — and I'll turn it into a plan.",
      "Hello! What would you like to plan today? Just describe your goal.",
    ],
  },
  "zh-CN": {
    newPlanWhich: "好的，新计划的目标是什么？比如“新计划：规划一次三天的杭州旅行”。",
    decomposeTask: (t) => `好的，我来把“${t}”拆解成更具体的子任务。`,
    decomposeAll: "好的，我来把计划里的每个主要任务都拆解成子任务。",
    appIntro: "我是Planstream的规划助手：告诉我一个目标，我会把它拆成有先后顺序的任务，并把每个任务细化成具体步骤。之后你也可以让我继续细化某个任务。",
    gibberish: "抱歉，我没看懂。你想规划什么目标？比如“六周内上线一款手机App”。",
    moreDetail: "可以多说一点你的目标吗？比如“六周内上线一款手机App”或“规划一次三天的杭州旅行”。",
    planned: [
      (t) => `好的！我来为“${t}”制定计划，并把每一步拆成具体的子任务。`,
      (t) => `收到，马上规划“${t}”：先列出主要步骤，再细化每一步。`,
      (t) => `没问题，我会把“${t}”整理成有先后顺序的计划，并补充具体子任务。`,
    ],
    within: (d) => `整体安排在${d}之内。`,
    addOrNew: (x) => `这个对话已经有一个计划了。要把“${x}”作为任务加进当前计划，还是另做一个新计划？可以说“添加任务：${x}”或“新计划：${x}”。`,
    editHelp: (ex) => `你想怎么调整计划？比如可以说“添加任务：订餐厅”、“把任务1标记为完成”、“把任务2移到任务1之前”、“把‘${ex}’改名为……”或“细化任务1”。`,
    thanks: ["不客气！还有什么想规划的吗？", "很高兴能帮上忙！随时告诉我下一个目标。"],
    bye: "再见！下次有目标随时来找我。",
    ok: "好的！需要调整计划或继续细化某个任务，直接告诉我。",
    hello: ["你好！告诉我一个目标，比如“六周内上线一款手机App”或“规划一次三天的杭州旅行”，我来帮你做成计划。", "嗨！今天想规划点什么？说出你的目标就行。"],
  },
  ja: {
    newPlanWhich: "わかりました。新しい計画の目標は何ですか？たとえば「新しい計画：京都への3日間の旅行」のように書いてください。",
    decomposeTask: (t) => `わかりました。「${t}」を具体的なサブタスクに分解します。`,
    decomposeAll: "わかりました。計画のトップレベルのタスクをすべてサブタスクに分解します。",
    appIntro: "Planstreamの計画アシスタントです。目標を教えてくれれば、順序立てた計画にして、各タスクを具体的な手順に分解します。どのタスクでも、さらに細かく分解するよう頼めます。",
    gibberish: "すみません、よくわかりませんでした。どんな目標を計画しますか？たとえば「6週間でモバイルアプリをリリースする」。",
    moreDetail: "目標についてもう少し教えてもらえますか？たとえば「6週間でモバイルアプリをリリースする」や「東京で3日間の旅行を計画して」など。",
    planned: [
      (t) => `いい目標ですね！「${t}」の計画を作り、各ステップをサブタスクに分解します。`,
      (t) => `了解です。「${t}」を計画します。まず主な手順、次にそれぞれの詳細です。`,
      (t) => `いいですね。「${t}」を具体的なサブタスクつきの順序立てた計画にします。`,
    ],
    within: (d) => `全体を${d}に収めます。`,
    addOrNew: (x) => `この会話にはすでに計画があります。「${x}」をタスクとして追加しますか、それとも新しい計画を作りますか？「${x}を追加」または「新しい計画：${x}」と言ってください。`,
    editHelp: (ex) => `計画をどう変えますか？たとえば「タスクを追加：レストランを予約する」「タスク1を完了にして」「タスク2をタスク1の前に移動」「「${ex}」の名前を…に変更」「タスク1を分解して」など。`,
    thanks: ["どういたしまして！ほかに計画したいことはありますか？", "お役に立ててうれしいです！次の目標ができたらいつでもどうぞ。"],
    bye: "それではまた！計画したいことができたらいつでもどうぞ。",
    ok: "了解です！計画を調整したいときや、タスクをさらに分解したいときは言ってください。",
    hello: ["こんにちは！「6週間でモバイルアプリをリリースする」や「東京で3日間の旅行」のように目標を教えてくれれば、計画にします。", "こんにちは！今日は何を計画しますか？目標を書いてください。"],
  },
  es: {
    newPlanWhich: "Claro, ¿cuál es el objetivo del nuevo plan? Por ejemplo, «nuevo plan: un viaje de 3 días a Sevilla».",
    decomposeTask: (t) => `Claro, voy a desglosar «${t}» en subtareas concretas.`,
    decomposeAll: "Claro, voy a desglosar en subtareas todas las tareas principales del plan.",
    appIntro:
      "Soy el asistente de planificación de Planstream. Dime un objetivo y lo convertiré en un plan ordenado, con cada tarea dividida en pasos concretos. También puedes pedirme que desglose más cualquier tarea.",
    gibberish: "Perdona, no lo he entendido. ¿Qué objetivo quieres planificar? Por ejemplo, «lanzar una app móvil en 6 semanas».",
    moreDetail: "¿Me cuentas un poco más sobre tu objetivo? Por ejemplo, «lanzar una app móvil en 6 semanas» u «organiza un viaje de 3 días a Sevilla».",
    planned: [
      (t) => `¡Buen objetivo! Voy a preparar un plan para «${t}» y dividir cada paso en subtareas.`,
      (t) => `Manos a la obra: planificando «${t}»; primero los pasos principales y luego el detalle de cada uno.`,
      (t) => `Me parece bien. Convertiré «${t}» en un plan ordenado con subtareas concretas.`,
    ],
    within: (d) => ` Todo cabrá en ${d}.`,
    addOrNew: (x) => `Esta conversación ya tiene un plan. ¿Añado «${x}» como tarea o empiezo un plan nuevo? Di «añade ${x}» o «nuevo plan: ${x}».`,
    editHelp: (ex) =>
      `¿Qué quieres cambiar del plan? Por ejemplo: «añade una tarea: reservar restaurante», «marca la tarea 1 como hecha», «mueve la tarea 2 antes de la tarea 1», «renombra «${ex}» como …» o «desglosa la tarea 1».`,
    thanks: ["¡De nada! ¿Quieres planificar algo más?", "¡Encantado de ayudar! Cuéntame el próximo objetivo cuando quieras."],
    bye: "¡Hasta pronto! Vuelve cuando tengas algo que planificar.",
    ok: "¡Genial! Dime si quieres ajustar el plan o desglosar más alguna tarea.",
    hello: ["¡Hola! Dime un objetivo —por ejemplo, «lanzar una app móvil en 6 semanas» o «un viaje de 3 días a Sevilla»— y lo convertiré en un plan.", "¡Hola! ¿Qué quieres planificar hoy? Describe tu objetivo."],
  },
  fr: {
    newPlanWhich: "Bien sûr — quel est l'objectif du nouveau plan ? Par exemple, « nouveau plan : un voyage de 3 jours à Lyon ».",
    decomposeTask: (t) => `Bien sûr — je décompose « ${t} » en sous-tâches concrètes.`,
    decomposeAll: "Bien sûr — je décompose chaque tâche principale du plan en sous-tâches.",
    appIntro:
      "Je suis l'assistant de planification de Planstream. Donnez-moi un objectif et j'en ferai un plan ordonné, chaque tâche découpée en étapes concrètes. Vous pouvez aussi me demander de détailler n'importe quelle tâche.",
    gibberish: "Désolé, je n'ai pas compris. Quel objectif voulez-vous planifier ? Par exemple, « lancer une application mobile en 6 semaines ».",
    moreDetail: "Pouvez-vous m'en dire un peu plus sur votre objectif ? Par exemple, « lancer une application mobile en 6 semaines » ou « organise un voyage de 3 jours à Lyon ».",
    planned: [
      (t) => `Bel objectif ! Je prépare un plan pour « ${t} » et je découpe chaque étape en sous-tâches.`,
      (t) => `C'est parti — je planifie « ${t} » : d'abord les grandes étapes, puis le détail de chacune.`,
      (t) => `Très bien. Je transforme « ${t} » en plan ordonné avec des sous-tâches concrètes.`,
    ],
    within: (d) => ` Le tout tiendra en ${d}.`,
    addOrNew: (x) => `Cette conversation a déjà un plan. Dois-je y ajouter « ${x} » comme tâche, ou commencer un nouveau plan ? Dites « ajoute ${x} » ou « nouveau plan : ${x} ».`,
    editHelp: (ex) =>
      `Que voulez-vous changer dans le plan ? Par exemple : « ajoute une tâche : réserver le restaurant », « marque la tâche 1 comme terminée », « déplace la tâche 2 avant la tâche 1 », « renomme « ${ex} » en … » ou « décompose la tâche 1 ».`,
    thanks: ["Avec plaisir ! Autre chose à planifier ?", "Ravi d'avoir aidé ! Dites-moi quand vous avez le prochain objectif."],
    bye: "À bientôt ! Revenez quand vous aurez quelque chose à planifier.",
    ok: "Parfait ! Dites-moi si vous voulez ajuster le plan ou détailler une tâche.",
    hello: ["Bonjour ! Donnez-moi un objectif — par exemple « lancer une application mobile en 6 semaines » ou « un voyage de 3 jours à Lyon » — et j'en ferai un plan.", "Bonjour ! Que voulez-vous planifier aujourd'hui ? Décrivez simplement votre objectif."],
  },
};

/** Small talk words in Spanish and French (a message made only of them is small talk). */
export const ES_FR_SMALL_TALK = new Set(
  (
    "hola buenas buenos días dias tardes noches gracias muchas mil vale genial perfecto adiós adios chao hasta luego pronto sí si qué que tal cómo como estás " +
    "bien saludos de nada oye hey bonjour bonsoir salut coucou merci beaucoup d'accord super parfait génial au revoir à plus bientôt oui non ça va comment " +
    "allez vous bonne journée soirée rien ok okay"
  ).split(" "),
);
/** Japanese small talk: a message made only of these. */
export const JA_SMALL_TALK = /^(?:こんにちは|こんばんは|おはよう(?:ございます)?|ありがとう(?:ございます)?|どうも|よろしく(?:お願いします)?|さようなら|またね|また|はい|うん|了解(?:です)?|オッケー|いいね|すごい|やあ|もしもし|おやすみ(?:なさい)?|お疲れ様(?:です)?|どうぞ|です|ね|よ)+$/;
/** Thanks / goodbye / agreement in Japanese, Spanish and French (which small talk reply fits). */
export const INTL_THANKS = /ありがとう|どうも|gracias|merci/i;
export const INTL_BYE = /さようなら|またね|おやすみ|adi[oó]s|chao|hasta (?:luego|pronto)|au revoir|à plus|à bientôt|bonne (?:journée|soirée)/i;
export const INTL_OK = /^(?:はい|うん|了解|オッケー|いいね|vale|genial|perfecto|sí|d'accord|super|parfait|génial|oui)/i;
/** Questions about the app in Japanese, Spanish and French. */
export const INTL_APP_QUESTION =
  /何ができ|あなたは誰|使い方|どうやって使|qu[eé] puedes hacer|qui[eé]n eres|qu[eé] eres|c[oó]mo funciona|c[oó]mo se usa|que (?:peux|sais)-tu faire|qu'est-ce que tu (?:peux|sais) faire|qui es-tu|comment (?:ça|cela) marche|comment t'utiliser/i;
/** Planning verbs and goal nouns in Japanese, Spanish and French. */
export const INTL_GOAL_WORDS = new RegExp(
  "計画|企画|準備|したい|作りたい|始め|勉強|旅行|引っ越|開発|リリース|練習|痩せ|組織|" +
    "(?<![\\p{L}])(?:planificar|planifica|planear|planea|organizar|organiza|preparar|prepara|lanzar|aprender|construir|escribir|empezar|crear|mudarme|viajar|visitar|entrenar|terminar|estudiar|diseñar|desarrollar|reformar|ahorrar|perder|correr|viaje|fiesta|boda|" +
    "planifier|planifie|organiser|organise|préparer|prépare|lancer|apprendre|construire|écrire|commencer|créer|déménager|voyager|visiter|entraîner|terminer|étudier|concevoir|développer|rénover|économiser|perdre|courir|voyage|fête|mariage)(?![\\p{L}])",
  "iu",
);
/** Words of intention in Japanese, Spanish and French ("quiero", "je veux", "したい"). */
export const INTL_INTENT_WORDS =
  /したい|たい|ほしい|私|僕|ために|どうやって|(?<![\p{L}])(?:quiero|queremos|necesito|necesitamos|gustaría|para|mi|nuestro|nuestra|ayúdame|cómo|je|j'|nous|veux|voudrais|aimerais|besoin|pour|mon|ma|aide|comment)(?![\p{L}])/iu;
/** Breakdown requests in Japanese, Spanish and French. */
export const INTL_DECOMPOSE_WORDS =
  /細分化|分解|詳しく|細かく|サブタスク|(?<![\p{L}])(?:desglosa|desglosar|desglose|divide|dividir|subtareas|detalla|detallar|más detalle|en detalle|décompose|décomposer|détaille|détailler|sous-tâches|plus de détails|découpe|découper|en détail)(?![\p{L}])/iu;
/** "All tasks" in Japanese, Spanish and French. */
export const INTL_ALL_WORDS = /すべて|全部|全て|各タスク|(?<![\p{L}])(?:todas|todo|cada|toutes|tout|chaque)(?![\p{L}])/iu;
