import "server-only";
// Subtasks for a task no template recognises (a user-written task, or a task
// of a goal that has since changed): keyword rules on its title, then a
// generic decomposition.
import { hash, pick } from "./seeded-random.ts";
import { st, type Step } from "./templates/template.ts";
import { DAY_SLOTS, SLOT_TIPS } from "./templates/trip-days.ts";
import { cap } from "./text.ts";

const FALLBACK_RULES: { re: RegExp; steps: string[] }[] = [
  {
    re: /\b(book|reserve|booking)\b|预订|预约|订票|订房|予約|reservar|reserva|réserver|réservation/i,
    steps: [
      "Compare the options for {t} | Shortlist two or three options and compare price, reviews and terms. || 比较“{t}”的选项 | 筛选两三个选项，比较价格、评价和条款。",
      "Check availability and cancellation terms | Confirm the dates work and what happens if plans change. || 确认档期与取消条款 | 确认日期可行，以及计划变动时如何处理。",
      "Book and save the confirmation | Book the best option and keep the confirmation where you can find it. || 预订并保存确认信息 | 预订最合适的选项，把确认信息存到方便找的地方。",
    ],
  },
  {
    re: /\b(research|investigate|explore|compare|evaluate)\b|调研|研究|资料|比较|评估|調査|調べ|比較|investigar|comparar|evaluar|rechercher|comparer|évaluer/i,
    steps: [
      "List the questions {t} must answer | Write down what you need to find out and why. || 列出“{t}”要回答的问题 | 写下需要弄清的问题及原因。",
      "Gather sources | Collect articles, data and opinions from people who have done it. || 收集资料 | 收集文章、数据和过来人的经验。",
      "Summarise the findings | Write a half-page summary with a recommendation. || 总结结论 | 写半页总结并给出建议。",
    ],
  },
  {
    re: /\b(test|testing|qa|check|review|verify)\b|测试|检查|验收|审核|テスト|確認|点検|probar|revisar|comprobar|tester|vérifier|contrôler/i,
    steps: [
      "Define what to check | List the cases and the expected result of each. || 确定检查内容 | 列出要检查的情况及预期结果。",
      "Run the checks | Go through the list and record what fails. || 执行检查 | 按清单逐项检查，记录不通过的地方。",
      "Fix and re-check | Fix the failures and check them again. || 修复并复查 | 修复问题后再次检查。",
    ],
  },
  {
    re: /\b(write|draft|document|copy|post)\b|写|撰写|文案|文档|書く|書き|作成|escribir|redactar|écrire|rédiger/i,
    steps: [
      "Outline {t} | Jot down the key points in order. || 列出“{t}”的提纲 | 按顺序写下要点。",
      "Write the draft | Write it in one go without editing. || 写初稿 | 一口气写完，先不修改。",
      "Edit and finalise | Cut, clarify and proofread. || 修改定稿 | 删减、理清并校对。",
    ],
  },
  {
    re: /\b(buy|purchase|shop|order)\b|买|采购|购买|下单|買う|購入|注文|comprar|pedir|acheter|commander/i,
    steps: [
      "Make a list | Write down exactly what you need and how much. || 列清单 | 写清需要什么、数量多少。",
      "Compare prices | Check two or three shops for price and delivery time. || 比价 | 对比两三家店的价格和送达时间。",
      "Buy and track delivery | Order and note when it arrives. || 下单并跟踪 | 下单并记下到货时间。",
    ],
  },
  {
    re: /\b(invite|contact|call|email|meet|hire|recruit)\b|邀请|联系|沟通|招聘|约|招待|連絡|採用|invitar|contactar|llamar|contratar|inviter|contacter|appeler|recruter/i,
    steps: [
      "List who to contact | Write down names, roles and how to reach them. || 列出联系人 | 写下姓名、角色和联系方式。",
      "Reach out | Send a short, specific message with what you need and by when. || 发出联系 | 发一条简短具体的消息，说明需求和期限。",
      "Follow up | Follow up after a few days with anyone who hasn't replied. || 跟进 | 几天后跟进未回复的人。",
    ],
  },
  {
    re: /\b(design|prototype|sketch|plan)\b|设计|原型|规划|設計|デザイン|diseñar|diseño|concevoir|conception/i,
    steps: [
      "Collect requirements for {t} | List what the design must achieve and its constraints. || 收集“{t}”的需求 | 列出设计要达成的目标和限制条件。",
      "Sketch options | Sketch two or three different approaches quickly. || 快速出方案 | 快速画出两三种不同方案。",
      "Pick one and refine it | Choose the best option with feedback and add the details. || 选定并细化 | 结合反馈选出最佳方案并补充细节。",
    ],
  },
];

const GENERIC_SUBTASKS = [
  "Clarify what “{t}” must deliver | Write down the expected result and how you'll know it's done. || 明确“{t}”的交付物 | 写下预期结果和完成标准。",
  "Gather what you need | Collect the information, tools and people this step depends on. || 准备所需资源 | 收集这一步依赖的信息、工具和人手。",
  "Do the main work | {d} || 完成主要工作 | {d}",
  "Check the result and note follow-ups | Compare the result with the expected outcome and list anything left to do. || 检查结果并记录后续事项 | 对照预期检查结果，列出剩余待办。",
];

/**
 * Steps for a task from keyword rules on its title (booking, research,
 * testing, writing, buying, contacting, design), else a generic 4-step
 * decomposition. The texts still contain `{t}` (the task) and `{d}` (its
 * description) for the caller to fill in.
 */
export function fallbackSteps(task: string): Step[] {
  const rule = FALLBACK_RULES.find((r) => r.re.test(task));
  return (rule ? rule.steps : GENERIC_SUBTASKS).map(st);
}

/**
 * A day of an itinerary ("Day 2: …", "第2天：…", "2日目：…", "Día 2: …",
 * "Jour 2 : …") whose goal has changed, so its template is unknown: one step
 * per clause of its description (at most 5), each with a tip for its part of
 * the day. Undefined when the task is not a day or its description has fewer
 * than 2 clauses.
 */
export function itineraryDaySteps(task: string, description: string): Step[] | undefined {
  if (!description || !/^(?:days?\s+\d+|d[ií]as?\s+\d+|jours?\s+\d+|第\d+(?:\s*[–-]\s*\d+)?天|\d+(?:\s*[–-]\s*\d+)?日目)/i.test(task)) return undefined;
  const clauses = description
    .split(/[;；。，、,]|\b(?:then|luego|puis)\b/)
    .map((c) =>
      c
        .trim()
        .replace(/^(?:and|in the evening|y|por la noche|et|le soir|上午|下午|晚上|傍晚|午前は|午後は|夜は|夕方に)\s*/i, "")
        .replace(/[.。!！]+$/, "")
        .trim(),
    )
    .filter((c) => c.length > 2)
    .slice(0, 5);
  if (clauses.length < 2) return undefined;
  return clauses.map((c, i) => {
    const latin = cap(c);
    return { title: { en: latin, zh: c, ja: c, es: latin, fr: latin }, desc: pick(SLOT_TIPS[DAY_SLOTS[Math.min(i, 2)]], hash(task) + i) };
  });
}
