import "server-only";
// Writing: idea, research, outline, draft, revision, feedback, finish. Academic
// work gets a literature review and a supervisor; the last step depends on
// whether it is submitted, published or sent to publishers.
import type { Analysis } from "../goal-analysis.ts";
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const writingTemplate: DomainTemplate = {
  kinds: ["academic", "article", "book"],
  phases: writingPhases,
  note: (a) => ({
    en: `For the ${a.subject}: research and outline first, then a complete draft before any polishing.`,
    zh: `写${a.subject}：先调研和列大纲，完成整个初稿后再打磨。`,
    ja: `${a.subject}は、先に調査と構成、初稿を最後まで書いてから磨きます。`,
    es: `Para ${a.subject}: primero investigación y esquema, luego un borrador completo antes de pulir nada.`,
    fr: `Pour ${a.subject} : recherche et plan d'abord, puis un premier jet complet avant toute retouche.`,
  }),
};

function writingPhases(a: Analysis): Phase[] {
  const academic = a.kind === "academic";
  const finish =
    academic
      ? "Finalise and submit | Check formatting and references against the guidelines, then submit. || 定稿并提交 | 对照格式要求检查排版和参考文献，然后提交。"
      : a.kind === "article"
        ? "Finalise and publish | Proofread, add a title and images, and publish. || 定稿并发布 | 校对全文，配好标题和图片后发布。"
        : "Finalise and send it out | Proofread, format the manuscript and send it to agents, publishers or a self-publishing platform. || 定稿并投稿 | 校对并排版书稿，投给出版社或自出版平台。";
  return [
    ph(0.5, "Clarify the idea and audience | Write one paragraph on what the {s} is about, who it is for and what readers should take away. || 明确主题与读者 | 用一段话写清{s}讲什么、写给谁，以及读者应有的收获。", [
      "Write a one-paragraph pitch | Summarise the idea as if explaining it to a friend. || 写一段简介 | 像给朋友解释一样概括核心想法。",
      "Define the reader | Describe who will read it and what they already know. || 明确读者 | 描述读者是谁、已经了解什么。",
    ]),
    academic
      ? ph(1, "Do the literature review | Collect sources in a reference manager and note the gap your work fills. || 文献调研 | 用文献管理工具整理资料，并明确研究要填补的空白。", [
          "Search the key databases | Collect the most cited and most recent papers on the topic. || 检索主要数据库 | 收集该主题引用最多和最新的文献。",
          "Take structured notes | Note each source's question, method and findings in a reference manager. || 做结构化笔记 | 在文献管理工具中记录每篇文献的问题、方法和结论。",
          "State the gap | Write down what is missing that your work adds. || 明确研究空白 | 写下现有研究缺少、而你的工作能补上的部分。",
        ])
      : ph(1, "Research and gather material | Collect the notes, examples and sources you need for the {s} in one place. || 收集素材 | 把写{s}需要的笔记、案例和资料集中到一个地方。", [
          "Collect your notes | Gather existing notes, ideas and drafts in one folder. || 汇总笔记 | 把已有的笔记、想法和草稿放进一个文件夹。",
          "Research the gaps | Read or interview to fill what you don't know yet. || 补充调研 | 通过阅读或采访补上还不了解的部分。",
          "Save sources as you go | Keep a list of references and quotes with where they came from. || 随时记录出处 | 把引用和资料连同出处一起记下。",
        ]),
    ph(0.5, "Outline the structure | Break the {s} into chapters or sections with a one-line summary and a target length for each. || 拟定大纲 | 把{s}拆分成章节，为每章写一句概要并设定目标字数。", [
      "List the sections | Put the chapters or sections in order. || 列出章节 | 按顺序列出各个章节。",
      "Summarise each in one line | Write what each section must achieve. || 每章一句概要 | 写清每一章要达成什么。",
      "Set target lengths | Give each section a word count that adds up to the total. || 设定字数目标 | 为每章分配字数，加总等于全文目标。",
    ]),
    ph(3, "Write the first draft | Write every day to a word-count target until the whole first draft exists; don't edit yet. || 完成初稿 | 每天按字数目标写作，直到完成整个初稿；先别修改。", [
      "Set a daily word target | Divide the total by the days available and write at the same time each day. || 设定每日字数 | 用总字数除以可用天数，每天固定时间写作。",
      "Draft section by section | Follow the outline and mark gaps with TODO instead of stopping. || 按章节写初稿 | 按大纲推进，遇到卡点先标记TODO，不要停下。",
      "Track progress | Log the words written each day. || 记录进度 | 每天记下完成的字数。",
    ]),
    ph(1.5, "Revise and edit | Fix the structure first, then paragraphs, then sentences, and cut anything that doesn't serve the reader. || 修改与编辑 | 先调结构，再改段落，最后润色句子；删掉对读者没用的内容。", [
      "Fix the structure | Reread the whole draft and reorder or cut sections. || 调整结构 | 通读全文，调整或删减章节。",
      "Tighten paragraphs | Make each paragraph do one job. || 精简段落 | 让每段只表达一个意思。",
      "Polish sentences | Read it aloud and smooth anything you stumble over. || 润色句子 | 朗读全文，修改读起来别扭的地方。",
    ]),
    academic
      ? ph(1, "Get your supervisor's feedback | Send the draft to your supervisor and work their comments in. || 征求导师意见 | 把稿子发给导师并根据意见修改。", [
          "Send the draft with questions | Ask for feedback on the specific parts you're unsure about. || 带着问题发送初稿 | 针对不确定的部分请导师重点指导。",
          "Work in the comments | Address every comment or note why you didn't. || 逐条修改 | 逐条处理意见，不采纳的写明理由。",
        ])
      : ph(1, "Get feedback | Share the draft with 2–3 trusted readers and collect specific feedback. || 征求反馈 | 请2–3位信任的读者阅读，收集具体的修改意见。", [
          "Pick 2–3 readers | Choose people who match your target audience. || 选择2–3位读者 | 选择与目标读者相近的人。",
          "Ask specific questions | Ask where they got bored, confused or excited. || 提出具体问题 | 问他们哪里无聊、哪里困惑、哪里精彩。",
          "Revise from the feedback | Fix the issues that more than one reader mentioned. || 根据反馈修改 | 优先修改多位读者都提到的问题。",
        ]),
    ph(0.5, finish, [
      "Proofread | Check spelling, names, numbers and references one last time. || 校对 | 最后检查一遍拼写、人名、数字和引用。",
      "Format | Apply the required layout and style. || 排版 | 按要求调整版式和格式。",
      "Submit | Send it off and note the date. || 提交 | 提交并记下日期。",
    ]),
  ];
}
