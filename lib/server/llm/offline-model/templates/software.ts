import "server-only";
// Software launch: scope, design, build, beta, launch materials, release.
// Mobile apps get app-store steps; web products get a landing page instead.
import type { Analysis } from "../goal-analysis.ts";
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const softwareTemplate: DomainTemplate = {
  kinds: ["mobile", "web"],
  phases: softwarePhases,
  note: () => ({
    en: "This is a product launch, so I'm working in phases: scope, design, build, test, then release.",
    zh: "这是一次产品上线，我按“范围—设计—开发—测试—发布”划分阶段。",
    ja: "これはプロダクトのリリースなので、範囲・設計・開発・テスト・公開の段階で進めます。",
    es: "Es el lanzamiento de un producto, así que trabajo por fases: alcance, diseño, desarrollo, pruebas y lanzamiento.",
    fr: "C'est le lancement d'un produit : je procède par phases — périmètre, conception, développement, tests, puis sortie.",
  }),
};

function softwarePhases(a: Analysis): Phase[] {
  const mobile = a.kind === "mobile";
  return [
    ph(1, "Define the MVP scope and launch goals | Pin down the must-have features of the {s}, who it is for and the numbers that will count as a successful launch. || 明确MVP范围与上线目标 | 确定{s}必须具备的核心功能、目标用户，以及衡量上线成功的关键指标。", [
      "List must-have vs. later features | Sort every feature idea for the {s} into must-have and later, and cut the list to what fits the timeline. || 区分必做与可延后的功能 | 把{s}的功能想法分成必做和以后再做两类，按时间把清单砍到可交付的范围。",
      "Describe the target user | Write a one-paragraph persona and the main job the {s} does for them. || 描述目标用户 | 用一段话写清目标用户画像，以及{s}为他们解决的核心问题。",
      "Set launch metrics | Choose 2–3 numbers to watch after launch, such as sign-ups, activation rate and crash-free sessions. || 设定上线指标 | 选2–3个上线后重点关注的数据，例如注册数、激活率和无崩溃会话比例。",
    ]),
    ph(1, "Design and prototype the key flows | Sketch the main screens of the {s}, build a clickable prototype and try it with a handful of target users. || 设计关键流程与原型 | 画出{s}的主要界面，做成可点击原型，并请几位目标用户试用。", [
      "Map the core user flow | Draw the path from first open to the main action in as few steps as possible. || 梳理核心用户路径 | 画出从首次打开到完成核心操作的最短路径。",
      "Create wireframes and a clickable prototype | Turn the flow into screens in Figma (or on paper) and link them into a prototype. || 制作线框图与可点击原型 | 把流程画成界面（Figma或纸面皆可），串成可点击的原型。",
      "Run quick usability tests | Watch 3–5 target users try the prototype and fix the places where they get stuck. || 做快速可用性测试 | 请3–5位目标用户试用原型，记录卡住的地方并修改。",
    ]),
    ph(3, "Build the core features | Implement the MVP features of the {s} in short iterations, with analytics and crash reporting wired in from the start. || 开发核心功能 | 以短迭代实现{s}的MVP功能，并从一开始接入数据分析与崩溃监控。", [
      "Set up the project, CI and environments | Create the repository, automated builds and separate test and production environments. || 搭建项目、CI与环境 | 建好代码仓库和自动构建，以及相互隔离的测试和生产环境。",
      "Implement the must-have features | Build the features on the must-have list one by one and demo each at the end of its iteration. || 实现必做功能 | 按必做清单逐个开发，每个迭代结束时做一次演示。",
      "Add analytics and crash reporting | Track the launch metrics and capture crashes so problems show up before users report them. || 接入数据统计与崩溃监控 | 埋点跟踪上线指标并收集崩溃信息，让问题先于用户反馈被发现。",
      "Freeze features | Stop adding scope and switch the team to bug fixing and polish. || 功能冻结 | 停止新增需求，团队转入修复缺陷与打磨细节。",
    ]),
    ph(1.5, "Test and run a beta | Put a beta of the {s} in front of real users, fix the blocking bugs and check performance on real devices. || 测试与内测 | 让真实用户试用{s}的测试版，修复阻塞性问题，并在真机上检查性能。", [
      "Write a test plan for the critical paths | List the flows that must never break (sign-up, payment, core action) and test each on every target platform. || 为关键路径编写测试计划 | 列出绝不能出错的流程（注册、支付、核心操作），在每个目标平台上逐一测试。",
      mobile
        ? "Recruit beta testers | Invite 20–50 people from your target audience through TestFlight and Google Play internal testing. || 招募内测用户 | 通过TestFlight和Google Play内部测试邀请20–50位目标用户。"
        : "Recruit beta testers | Invite 20–50 people from your target audience to a private beta with a feedback form. || 招募内测用户 | 邀请20–50位目标用户参加封闭测试，并附上反馈表。",
      "Triage and fix feedback | Collect bugs and feedback in one list, fix the blockers first and defer the rest. || 整理并修复反馈 | 把缺陷和反馈汇总到一个列表，先修阻塞问题，其余延后。",
    ]),
    mobile
      ? ph(1, "Prepare the store listings and launch materials | Write the App Store and Google Play listings, capture screenshots and submit for review early enough to absorb a rejection. || 准备应用商店上架与宣传素材 | 撰写App Store与Google Play的介绍、制作截图，并预留被驳回后重新提交的时间。", [
          "Write the store description and keywords | Lead with the main benefit and use the words your users search for. || 撰写商店描述与关键词 | 开头突出核心价值，使用用户会搜索的关键词。",
          "Capture screenshots and a preview video | Show the three most important screens with a one-line caption each. || 制作截图与预览视频 | 展示最重要的三个界面，每张配一句说明。",
          "Submit for review | Submit at least a week before launch day and keep a fix-and-resubmit buffer. || 提交审核 | 至少在上线前一周提交，并为修改后重新提交留出余量。",
        ])
      : ph(1, "Prepare launch materials | Get the landing page, launch announcement, pricing and help docs for the {s} ready. || 准备发布素材 | 准备好{s}的落地页、发布公告、定价和帮助文档。", [
          "Build the landing page | Explain the main benefit in one sentence, add screenshots and a clear sign-up button. || 制作落地页 | 用一句话讲清核心价值，配上截图和醒目的注册按钮。",
          "Write the launch announcement | Draft the email, blog post and social posts, and schedule them for launch day. || 撰写发布公告 | 写好邮件、博客和社交媒体文案，并定时在发布当天推送。",
          "Prepare help docs and support | Write a short FAQ and set up one support channel with someone watching it. || 准备帮助文档与客服 | 编写简短FAQ，开通一个有人值守的支持渠道。",
        ]),
    ph(0.5, "Launch and monitor | Release the {s}, announce it on your channels and watch the launch metrics, crashes and reviews closely during the first week. || 正式发布与监控 | 发布{s}，在各渠道宣布上线，并在第一周密切关注关键指标、崩溃和用户评价。", [
      "Roll out in stages | Release to 10%, then 50%, then 100% of users so a bad bug reaches few people. || 分阶段发布 | 按10%→50%→100%逐步放量，降低严重缺陷的影响面。",
      "Announce the launch | Post the announcement to your mailing list, social channels and relevant communities. || 宣布上线 | 在邮件列表、社交媒体和相关社区发布上线消息。",
      "Review the first-week numbers | Compare the launch metrics with your targets and pick the next improvements. || 复盘首周数据 | 对照目标检查关键指标，确定下一步改进方向。",
    ]),
  ];
}
