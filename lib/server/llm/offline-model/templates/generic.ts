import "server-only";
// Any other goal: define, take stock, milestones, do the work, review, finish.
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const genericTemplate: DomainTemplate = {
  phases: genericPhases,
  note: () => ({
    en: "No specialised template fits this goal, so I'm using a define–prepare–execute–review structure.",
    zh: "没有专门的模板适合这个目标，我按“明确目标—准备—执行—复盘”的结构来规划。",
    ja: "この目標に合う専用のテンプレートがないため、「定義—準備—実行—振り返り」の構成で計画します。",
    es: "Ninguna plantilla específica encaja con este objetivo, así que uso la estructura definir–preparar–ejecutar–revisar.",
    fr: "Aucun modèle spécialisé ne convient à cet objectif : j'utilise la structure définir–préparer–réaliser–faire le bilan.",
  }),
};

function genericPhases(): Phase[] {
  return [
    ph(0.5, "Define what done looks like for “{g}” | Describe the finished result in a sentence or two and how you will know you got there. || 明确“{g}”的完成标准 | 用一两句话描述完成时的样子，以及如何判断已经达成。", [
      "Write the outcome | Describe the end result in one or two sentences. || 写下预期结果 | 用一两句话描述最终结果。",
      "Pick a way to measure it | Choose a number, a date or a deliverable that proves it's done. || 确定衡量方式 | 选一个数字、日期或交付物来证明已完成。",
    ]),
    ph(0.5, "Take stock of what you need | List the time, money, people, tools and information this depends on, and what you already have. || 盘点所需资源 | 列出所需的时间、资金、人手、工具和信息，以及已经具备的部分。", [
      "List the resources | Time, budget, people, tools and information. || 列出资源 | 时间、预算、人手、工具和信息。",
      "Spot the gaps | Mark what is missing and how to get it. || 找出缺口 | 标出缺少的部分以及如何获得。",
      "Ask for help early | Contact the people you'll depend on now, not later. || 尽早求助 | 现在就联系需要依靠的人。",
    ]),
    ph(0.5, "Break it into milestones | Split the work into 3–5 milestones, each with a visible result and a target date. || 拆分里程碑 | 把工作拆成3–5个里程碑，每个都有可见的成果和目标日期。", [
      "Name the milestones | Write 3–5 intermediate results in order. || 列出里程碑 | 按顺序写下3–5个阶段性成果。",
      "Date them | Give each milestone a realistic target date. || 设定日期 | 为每个里程碑设定现实的目标日期。",
    ]),
    ph(2.5, "Do the core work: {g} | Work through the milestones in order, in focused blocks on your calendar. || 推进核心工作：{g} | 按顺序推进各个里程碑，在日历上为它们安排专注时段。", [
      "Block focus time | Reserve regular focused blocks in your calendar. || 安排专注时段 | 在日历中预留固定的专注时间。",
      "Finish one milestone at a time | Don't start the next until the current one is done. || 一次完成一个里程碑 | 完成当前的再开始下一个。",
      "Remove blockers quickly | When stuck for more than a day, ask for help or change the approach. || 及时清除障碍 | 卡住超过一天就求助或换方法。",
    ]),
    ph(0.5, "Review and adjust | Check progress weekly against the milestones and change the plan early if something slips. || 定期复盘与调整 | 每周对照里程碑检查进度，一旦有延误及早调整计划。", [
      "Weekly review | Compare progress with the milestone dates every week. || 每周复盘 | 每周对照里程碑日期检查进度。",
      "Adjust the plan | Move dates or cut scope as soon as something slips. || 调整计划 | 一旦延误就调整日期或缩减范围。",
    ]),
    ph(0.5, "Finish and wrap up | Complete the last milestone, tie up loose ends and note what you'd do differently next time. || 收尾总结 | 完成最后一个里程碑，处理遗留事项，并记下下次可以改进的地方。", [
      "Close loose ends | Finish or hand over anything still open. || 处理遗留事项 | 完成或移交还没收尾的事。",
      "Write down lessons | Note what worked and what you'd change. || 记录经验 | 写下有效的做法和需要改进的地方。",
    ]),
  ];
}
