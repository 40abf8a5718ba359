import "server-only";
// Learning: an exam (diagnostic, syllabus, past papers, mocks) or a skill
// (target, fundamentals, deliberate practice, a real project).
import type { Analysis } from "../goal-analysis.ts";
import { ph, theSubject, type DomainTemplate, type Phase } from "./template.ts";

export const learningTemplate: DomainTemplate = {
  kinds: ["exam", "skill"],
  phases: learningPhases,
  note: (a) =>
    a.kind === "exam"
      ? {
          en: `For ${theSubject(a)}, I start with a diagnostic and finish with full mock exams.`,
          zh: `备考${a.subject}：先摸底，最后以全真模考收尾。`,
          ja: `${a.subject}の対策は、実力診断から始めて本番形式の模試で締めくくります。`,
          es: `Para ${a.subject}, empiezo con una prueba de nivel y termino con simulacros completos.`,
          fr: `Pour ${a.subject}, je commence par un test de niveau et je termine par des examens blancs.`,
        }
      : {
          en: `Learning ${a.subjectIsVerb ? `to ${a.subject}` : a.subject} works best with a concrete target and daily practice.`,
          zh: `学习${a.subject}最有效的方法是明确目标、每天练习。`,
          ja: `${a.subject}の習得には、具体的な目標と毎日の練習がいちばん効きます。`,
          es: `Aprender ${a.subjectIsVerb ? "a " : ""}${a.subject} funciona mejor con un objetivo concreto y práctica diaria.`,
          fr: `Pour apprendre ${a.subjectIsVerb ? "à " : ""}${a.subject}, le mieux est un objectif concret et une pratique quotidienne.`,
        },
};

function learningPhases(a: Analysis): Phase[] {
  if (a.kind === "exam") {
    return [
      ph(0.5, "Take a diagnostic test | Sit a full practice test for {the_s} to find your current level and weakest sections. || 做一次摸底测试 | 完整做一套{s}模拟题，了解当前水平和最薄弱的部分。", [
        "Get an official practice test | Use official or past material so the result is realistic. || 获取官方模拟题 | 使用官方或历年真题，保证结果真实。",
        "Take it under timed conditions | Do it in one sitting with a timer and no notes. || 限时完成 | 一次做完，计时且不看资料。",
        "Analyse the results by section | Mark which sections cost the most points and why. || 分模块分析结果 | 找出失分最多的部分及原因。",
      ]),
      ph(0.5, "Pick materials and a study schedule | Choose one main course or textbook plus a question bank, and block fixed daily study slots. || 选定资料与学习时间表 | 选一套主教材或课程加一个题库，固定每天的学习时段。", [
        "Choose one main resource | Pick a single course or book and stick with it. || 选定一套主资料 | 只选一门课程或一本书，坚持用下去。",
        "Get a question bank | Find a source of practice questions with explanations. || 准备题库 | 找一个带解析的练习题来源。",
        "Block study time | Put fixed daily study slots in your calendar. || 固定学习时间 | 在日历里固定每天的学习时段。",
      ]),
      ph(2.5, "Work through the syllabus | Cover every topic of {the_s} in order, spending extra time on the weakest sections from the diagnostic. || 系统学习考试内容 | 按顺序学完{s}的全部考点，在摸底暴露的薄弱环节上多花时间。", [
        "Split the syllabus into weekly chunks | Map every topic to a week so nothing is left for the end. || 把考纲拆到每周 | 把每个考点分配到具体的周，避免堆到最后。",
        "Study the weakest sections first | Give your weakest areas the freshest hours of the day. || 先攻薄弱环节 | 把精力最好的时段留给最弱的部分。",
        "Make summary notes | Keep one page of key points per topic for the final review. || 整理要点笔记 | 每个考点整理一页要点，方便最后复习。",
      ]),
      ph(1.5, "Practise with past papers | Do timed past papers every week and log each mistake with the reason you made it. || 刷真题 | 每周限时做真题，把每道错题和出错原因记进错题本。", [
        "Do timed past papers | Complete at least one timed paper or section each week. || 限时做真题 | 每周至少完成一套或一个部分的限时真题。",
        "Keep an error log | Write down every mistake, the right answer and why you got it wrong. || 建立错题本 | 记录每道错题、正确答案和出错原因。",
        "Review the error log weekly | Redo the logged questions until you get them right. || 每周复习错题 | 重做错题，直到做对为止。",
      ]),
      ph(1, "Take full mock exams | Sit complete mock exams under real conditions and revise from your error log. || 全真模考 | 在真实考试条件下做整套模拟考试，并根据错题本复习。", [
        "Simulate exam day | Same start time, same breaks, no interruptions. || 模拟考试当天 | 同样的开始时间和休息安排，不被打扰。",
        "Score and compare | Compare the score with the diagnostic and your target. || 评分并对比 | 与摸底成绩和目标分数对比。",
        "Patch the remaining gaps | Spend the next days on the sections that still lose points. || 查漏补缺 | 接下来几天专攻仍在失分的部分。",
      ]),
      ph(0.5, "Exam week | Ease off, review your summary notes, confirm the exam logistics and sleep well. || 考前一周 | 降低强度，复习要点笔记，确认考试时间地点和证件，保证睡眠。", [
        "Review summary notes | Read the one-page summaries instead of learning new material. || 复习要点笔记 | 只看要点总结，不再学新内容。",
        "Confirm logistics | Check the venue, start time, ID and what you're allowed to bring. || 确认考试安排 | 核对考场、开考时间、证件和允许携带的物品。",
        "Rest well | Keep a normal sleep schedule and do something relaxing the day before. || 好好休息 | 保持规律作息，考前一天做些放松的事。",
      ]),
    ];
  }
  return [
    ph(0.5, "Define a concrete target | Decide what mastering {the_s} means for you — something you can demonstrate, like a project or a conversation. || 设定具体目标 | 想清楚“学会{s}”对你意味着什么——最好是能展示的成果，比如一个作品或一次对话。", [
      "Write down the target | Describe in one sentence what you will be able to do at the end. || 写下目标 | 用一句话描述学完后能做到什么。",
      "Assess your starting point | Try a short beginner exercise to see where you stand. || 评估起点 | 做一个简单的入门练习，看看自己的水平。",
    ]),
    ph(0.5, "Choose resources and a routine | Pick one structured course or book for {the_s} and fix a daily practice slot, even if it is only 30 minutes. || 选定学习资源与节奏 | 为{s}选一门系统的课程或一本书，固定每天的练习时间，哪怕只有30分钟。", [
      "Pick one structured course | Choose a single course or book with exercises and stick with it. || 选一门系统课程 | 选一门带练习的课程或书，坚持用下去。",
      "Schedule daily practice | Put a fixed daily slot in your calendar and protect it. || 安排每日练习 | 在日历上固定每天的练习时间并守住它。",
      "Find a community or partner | Join a group or find a study buddy to stay accountable. || 找学习伙伴 | 加入学习小组或找一个互相督促的伙伴。",
    ]),
    ph(2, "Learn the fundamentals | Work through the basics of {the_s} in order and check each unit with small exercises. || 打好基础 | 按顺序学习{s}的基础知识，每学完一个单元就做小练习检验。", [
      "Follow the course in order | Don't skip ahead; the basics carry everything else. || 按顺序学习 | 不跳章节，基础决定后面的一切。",
      "Do the exercises | Do every exercise instead of just reading or watching. || 完成练习 | 每个练习都动手做，而不只是看。",
      "Review with spaced repetition | Revisit key points after 1, 3 and 7 days. || 间隔复习 | 在1天、3天、7天后回顾要点。",
    ]),
    ph(2, "Practise deliberately every day | Spend most of the time practising rather than reading, targeting the parts that feel hardest. || 每天刻意练习 | 把大部分时间花在练习而不是阅读上，专攻最难的部分。", [
      "Pick one weakness per week | Focus each week's practice on the hardest part. || 每周攻克一个弱项 | 每周的练习集中在最难的部分。",
      "Get feedback | Ask a teacher, tool or partner to point out your mistakes. || 获取反馈 | 请老师、工具或伙伴指出你的错误。",
      "Track your streak | Tick off every day you practise. || 记录连续练习 | 每练习一天就打一次卡。",
    ]),
    ph(1.5, "Apply it in a real project | Use {the_s} for something real — a small project, a conversation partner or a performance. || 用于实际项目 | 把{s}用在真实场景里——做个小项目、找语伴交流或进行一次展示。", [
      "Choose a small real project | Pick something you can finish in a week or two. || 选一个小项目 | 选一个一两周内能完成的小目标。",
      "Build or perform it | Do it end to end, looking things up as you go. || 完成它 | 从头做到尾，边做边查。",
      "Share it | Show the result to someone and ask for feedback. || 展示成果 | 把成果展示给别人并征求意见。",
    ]),
    ph(0.5, "Review progress and set the next goal | Compare where you are with the target you set and plan the next stage. || 复盘并设定下一目标 | 对照最初设定的目标检查进展，规划下一阶段。", [
      "Test yourself against the target | Try the thing you said you'd be able to do. || 对照目标自测 | 试着做一次最初设定要做到的事。",
      "Plan the next stage | Decide what to learn next and how much time to give it. || 规划下一阶段 | 决定接下来学什么、投入多少时间。",
    ]),
  ];
}
