import "server-only";
// Fitness: training for a race (base, build, peak, taper) or a body goal
// (food, training, habits, weekly check-ins).
import type { Analysis } from "../goal-analysis.ts";
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const fitnessTemplate: DomainTemplate = {
  kinds: ["race", "body"],
  phases: fitnessPhases,
  note: (a) =>
    a.kind === "race"
      ? {
          en: `Training for a ${a.subject} follows base, build, peak and taper phases.`,
          zh: `${a.subject}训练按“基础—强化—巅峰—减量”四个阶段进行。`,
          ja: `${a.subject}に向けた練習は、基礎・強化・ピーク・テーパリングの4段階で進めます。`,
          es: `El entrenamiento para ${a.subject} sigue las fases de base, desarrollo, pico y puesta a punto.`,
          fr: `L'entraînement pour ${a.subject} suit les phases de base, de développement, de pic et d'affûtage.`,
        }
      : {
          en: "Lasting results come from food, training and habits together, checked every week.",
          zh: "持久的效果来自饮食、训练和习惯的配合，并每周检查。",
          ja: "長続きする成果は、食事・トレーニング・習慣の組み合わせと毎週の確認から生まれます。",
          es: "Los resultados duraderos salen de combinar alimentación, entrenamiento y hábitos, revisados cada semana.",
          fr: "Des résultats durables viennent de l'alimentation, de l'entraînement et des habitudes ensemble, vérifiés chaque semaine.",
        },
};

function fitnessPhases(a: Analysis): Phase[] {
  if (a.kind === "race") {
    return [
      ph(0.5, "Assess your baseline | Run an easy 5 km to gauge your current fitness and set a realistic goal time for the {s}. || 评估当前水平 | 轻松跑一次5公里评估体能，为{s}设定一个现实的完赛目标。", [
        "Run a test 5 km | Run it at a steady, comfortable effort and note the time. || 测试5公里 | 以稳定舒适的强度跑完并记录用时。",
        "Set a goal time | Use the test result to pick a realistic finish time. || 设定目标成绩 | 根据测试成绩确定现实的完赛时间。",
        "Check your gear | Make sure your shoes have life left in them. || 检查装备 | 确认跑鞋状态良好。",
      ]),
      ph(2, "Build an aerobic base | Run 3–4 easy sessions a week at conversational pace, increasing weekly distance by no more than 10%. || 打好有氧基础 | 每周3–4次轻松跑，保持能说话的配速，周跑量增幅不超过10%。", [
        "Schedule 3–4 runs a week | Fix the days and keep at least one rest day between hard efforts. || 每周安排3–4次跑步 | 固定跑步日，高强度之间至少休息一天。",
        "Keep it conversational | Run slowly enough to talk in full sentences. || 保持能聊天的配速 | 跑到能说完整句子的速度即可。",
        "Add strength work | Two short sessions a week of squats, lunges and core. || 加入力量训练 | 每周两次深蹲、弓步和核心训练。",
      ]),
      ph(2, "Add long runs and tempo work | Add one long run and one tempo session a week while keeping the other runs easy. || 加入长距离与节奏跑 | 每周加一次长距离跑和一次节奏跑，其余保持轻松跑。", [
        "Lengthen the long run | Add 1–2 km to the weekly long run, with a lighter week every fourth week. || 逐步拉长长距离 | 每周长距离增加1–2公里，每四周安排一次减量周。",
        "Run a weekly tempo | 20–40 minutes at a comfortably hard pace. || 每周一次节奏跑 | 以舒适偏难的配速跑20–40分钟。",
        "Practise fuelling | Try gels or drinks on long runs to see what your stomach accepts. || 练习补给 | 在长距离中尝试能量胶或饮料，找到适合自己的补给。",
      ]),
      ph(1, "Peak training | Do your longest training run and rehearse race-day pacing, shoes and nutrition. || 巅峰训练期 | 完成最长的一次训练跑，演练比赛配速、跑鞋和补给。", [
        "Do the longest run | Run your longest distance at an easy pace. || 完成最长距离 | 以轻松配速跑完最长距离。",
        "Rehearse race day | Wear race kit, eat your race breakfast and practise goal pace. || 演练比赛日 | 穿比赛装备、吃比赛早餐，练习目标配速。",
      ]),
      ph(0.75, "Taper | Cut the volume by 30–50% over the final stretch so you arrive fresh. || 赛前减量 | 最后阶段把跑量减少30–50%，以最佳状态到达起跑线。", [
        "Reduce volume | Shorten runs but keep a few short efforts at race pace. || 减少跑量 | 缩短距离，但保留几次短距离比赛配速。",
        "Sleep and eat well | Prioritise sleep and carbohydrates in the last days. || 睡好吃好 | 最后几天保证睡眠，适当多摄入碳水。",
      ]),
      ph(0.25, "Race day | Start conservatively, stick to your fuelling plan and enjoy the {s}. || 比赛日 | 保守起步，按计划补给，享受{s}。", [
        "Prepare the night before | Lay out kit, bib and fuel, and plan how to get to the start. || 前一晚准备 | 准备好装备、号码布和补给，规划去起点的路线。",
        "Pace the first half easy | Start slower than goal pace for the first kilometres. || 前半程保守 | 前几公里比目标配速稍慢。",
        "Recover | Walk, eat and rehydrate after the finish. || 赛后恢复 | 冲线后慢走、进食并补水。",
      ]),
    ];
  }
  return [
    ph(0.5, "Measure your starting point | Record weight, waist and a simple fitness test, and set a realistic target. || 记录起点 | 记录体重、腰围和简单的体能测试，设定现实的目标。", [
      "Take measurements | Weigh in and measure your waist in the morning. || 测量数据 | 早上测量体重和腰围。",
      "Do a fitness test | Count push-ups and time a 2 km walk or run. || 体能测试 | 记录俯卧撑个数和2公里走或跑的时间。",
      "Set the target | Aim for a steady 0.5–1% of body weight per week at most. || 设定目标 | 每周变化不超过体重的0.5–1%。",
    ]),
    ph(1, "Plan your meals | Set a moderate calorie deficit with enough protein, and prep simple meals for the week. || 规划饮食 | 保持适度热量缺口并摄入足够蛋白质，提前准备一周的简单餐食。", [
      "Estimate your calories | Use a calculator and aim for a moderate deficit. || 估算热量 | 用计算器估算，保持适度的热量缺口。",
      "Plan protein at every meal | Include a palm-sized portion of protein in each meal. || 每餐安排蛋白质 | 每餐一掌心大小的蛋白质。",
      "Prep meals weekly | Cook two or three base dishes on the weekend. || 每周备餐 | 周末做两三样基础菜。",
    ]),
    ph(2, "Start a training routine | Train 3–4 times a week, mixing strength and cardio and starting lighter than you think. || 开始规律训练 | 每周训练3–4次，结合力量和有氧，起步强度宁低勿高。", [
      "Plan the weekly schedule | Fix training days and put them in your calendar. || 安排每周计划 | 固定训练日并写进日历。",
      "Learn the basic lifts | Squat, hinge, push and pull with good form. || 学会基础动作 | 以标准姿势练习深蹲、硬拉、推和拉。",
      "Add cardio | Two sessions of brisk walking, cycling or running a week. || 加入有氧 | 每周两次快走、骑行或跑步。",
    ]),
    ph(1, "Build daily habits | Aim for 7–8 hours of sleep, 8,000+ steps a day and water with every meal. || 养成日常习惯 | 保证7–8小时睡眠、每天8000步以上，每餐喝水。", [
      "Fix a sleep routine | Go to bed at the same time every night. || 规律作息 | 每晚固定时间睡觉。",
      "Walk more | Take the stairs and a short walk after meals. || 多走路 | 走楼梯，饭后散步。",
    ]),
    ph(1, "Track and adjust weekly | Weigh in and review training once a week, and adjust food or volume if progress stalls for two weeks. || 每周跟踪与调整 | 每周称重并回顾训练，连续两周停滞就调整饮食或训练量。", [
      "Weekly check-in | Same day, same time, same conditions. || 每周检查 | 固定同一天、同一时间、同样条件。",
      "Adjust when stuck | Change one thing at a time: calories, steps or training volume. || 停滞时调整 | 一次只调一项：热量、步数或训练量。",
    ]),
    ph(0.5, "Review and maintain | Check the result against your target and turn the routine into a habit you can keep. || 复盘与保持 | 对照目标检查成果，把这套作息变成能长期坚持的习惯。", [
      "Compare with the start | Repeat the measurements and fitness test. || 对比起点 | 重新测量并做体能测试。",
      "Plan maintenance | Decide what you'll keep doing every week from now on. || 制定保持计划 | 决定以后每周坚持做哪些事。",
    ]),
  ];
}
