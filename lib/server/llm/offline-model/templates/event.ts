import "server-only";
// Events: budget and guests, venue, vendors, invitations, run of show, the day
// itself, wrap-up. The vendor phase depends on the kind of event.
import type { Analysis } from "../goal-analysis.ts";
import { ph, type DomainTemplate, type Phase } from "./template.ts";

export const eventTemplate: DomainTemplate = {
  kinds: ["wedding", "conference", "party"],
  phases: eventPhases,
  note: (a) => ({
    en: `Events like this depend on early bookings, so the budget, venue and vendors for the ${a.subject} come first.`,
    zh: `像${a.subject}这样的活动关键在于提前预订，所以先定预算、场地和供应商。`,
    ja: `${a.subject}のようなイベントは早めの予約が鍵なので、予算、会場、業者を先に決めます。`,
    es: `Eventos así dependen de reservar pronto, así que primero van el presupuesto, el lugar y los proveedores para ${a.subject}.`,
    fr: `Ce genre d'événement dépend des réservations faites tôt : le budget, le lieu et les prestataires pour ${a.subject} passent en premier.`,
  }),
};

function eventPhases(a: Analysis): Phase[] {
  const vendors =
    a.kind === "wedding"
      ? ph(2, "Book the key vendors | Reserve the caterer, photographer, florist and music, starting with the ones that book out first. || 预订核心供应商 | 预订餐饮、摄影、花艺和音乐，优先搞定最容易被订满的。", [
          "Book the photographer | Compare portfolios and book the one whose style you love. || 预订摄影师 | 对比作品集，选定风格最合心意的摄影师。",
          "Choose the caterer and menu | Arrange a tasting and agree the menu and per-head price. || 确定餐饮与菜单 | 安排试菜，敲定菜单和人均价格。",
          "Book flowers and music | Agree the flower style and book a band or DJ with a must-play list. || 预订花艺与音乐 | 确定花艺风格，预订乐队或DJ并给出必放歌单。",
        ])
      : a.kind === "conference"
        ? ph(2, "Confirm speakers and the agenda | Invite speakers, lock the session schedule and arrange AV, catering and badges. || 确定讲者与议程 | 邀请讲者、敲定议程，并安排音视频设备、餐饮和胸牌。", [
            "Invite speakers | Send invitations with topic, date and slot length, and confirm in writing. || 邀请讲者 | 发出包含主题、日期和时长的邀请，并书面确认。",
            "Build the session schedule | Arrange talks, breaks and Q&A into a timed agenda. || 编排议程 | 把演讲、茶歇和问答排进带时间的议程表。",
            "Arrange AV, catering and badges | Book microphones, projector, coffee breaks and print name badges. || 安排设备、餐饮与胸牌 | 预订麦克风、投影和茶歇，制作参会胸牌。",
          ])
        : ph(2, "Plan food, music and decorations | Choose the menu or caterer, build a playlist or book a DJ, and pick a simple decoration theme. || 安排餐饮、音乐与布置 | 确定菜单或餐饮供应商，准备歌单或预订DJ，选一个简单的布置主题。", [
            "Decide the menu | Pick finger food or a caterer and note dietary needs. || 确定菜单 | 选择自助小食或餐饮供应商，留意忌口需求。",
            "Sort out the music | Make a playlist or book a DJ for the evening. || 准备音乐 | 做好歌单或预订DJ。",
            "Choose decorations | Pick a theme and buy decorations a week ahead. || 挑选布置 | 确定主题，提前一周买好装饰。",
          ]);
  return [
    ph(1, "Set the budget, date and guest list | Agree on a budget and date for the {s} and draft the guest list{guests}. || 确定预算、日期与嘉宾名单 | 确定{s}的预算和日期，并拟出嘉宾名单{guests}。", [
      "Set the total budget | Decide the maximum spend and split it across venue, food, decoration and a 10% contingency. || 确定总预算 | 定下最高花费，并分配到场地、餐饮、布置和10%的备用金。",
      "Pick the date | Check that the key people are available and avoid public holidays. || 选定日期 | 确认关键人物有空，避开法定节假日。",
      "Draft the guest list | List everyone you want to invite and mark the must-haves. || 拟定嘉宾名单 | 列出想邀请的人，标出一定要到的。",
    ]),
    ph(1.5, "Book the venue | Shortlist 2–3 venues that fit the guest count and budget, visit them and sign the best one. || 预订场地 | 筛选2–3个符合人数和预算的场地，实地看过后签下最合适的。", [
      "Shortlist venues | Filter by capacity, location, budget and availability on your date. || 筛选场地 | 按容量、位置、预算和档期筛选。",
      "Visit and compare | See each venue in person and check access, sound, toilets and parking. || 实地考察比较 | 实地查看，检查交通、音响、洗手间和停车。",
      "Sign and pay the deposit | Read the cancellation terms, then sign and pay. || 签约并支付定金 | 看清取消条款后签约付款。",
    ]),
    vendors,
    ph(1, "Send invitations and track RSVPs | Send invitations with date, place and an RSVP deadline, then follow up with anyone who hasn't answered. || 发送邀请并统计回复 | 发出包含时间、地点和回复截止日期的邀请，并跟进未回复的人。", [
      "Design the invitation | Include date, time, address, dress code and the RSVP deadline. || 设计邀请函 | 写明日期、时间、地址、着装要求和回复截止日期。",
      "Send invitations | Send them at least 4–6 weeks ahead (earlier for weddings and conferences). || 发送邀请 | 至少提前4–6周发出（婚礼和会议要更早）。",
      "Chase RSVPs | A week before the deadline, message everyone who hasn't replied. || 催收回复 | 截止前一周联系所有还没回复的人。",
    ]),
    ph(1, "Plan the run of show | Write a timed schedule for the day of the {s} and give each helper a clear role. || 制定当天流程 | 写出{s}当天按时间排列的流程表，并给每位帮手分配明确职责。", [
      "Write the timeline | List every moment of the day with start times and who is responsible. || 写出时间线 | 列出当天每个环节的开始时间和负责人。",
      "Assign helpers | Give each helper one clear job and share the timeline with them. || 分配帮手 | 给每位帮手一项明确任务，并把流程表发给他们。",
      "Plan for bad weather and delays | Decide on a backup for anything outdoors or time-critical. || 准备备选方案 | 为户外或时间紧的环节准备应急方案。",
    ]),
    ph(0.5, "Final checks and the big day | Confirm every vendor 48 hours ahead, prepare an emergency kit and enjoy the {s}. || 最后确认与活动当天 | 提前48小时与所有供应商再次确认，准备应急包，然后享受{s}。", [
      "Reconfirm vendors | Call each vendor to confirm times, addresses and payments. || 再次确认供应商 | 逐一致电确认时间、地址和付款。",
      "Pack an emergency kit | Tape, scissors, chargers, plasters, pens and spare copies of the schedule. || 准备应急包 | 胶带、剪刀、充电器、创可贴、笔和备用流程表。",
      "Run the day | Follow the timeline and let the helpers handle the details. || 执行当天流程 | 按流程表推进，把细节交给帮手。",
    ]),
    ph(0.5, "Wrap up | Settle the invoices, send thank-you notes and share the photos. || 收尾 | 结清款项，发送感谢信并分享照片。", [
      "Settle payments | Pay the remaining invoices and collect receipts. || 结清款项 | 支付尾款并收好发票。",
      "Send thank-you notes | Thank guests, helpers and vendors within a week. || 发送感谢 | 一周内感谢来宾、帮手和供应商。",
      "Share photos and lessons | Share the best photos and note what you'd do differently. || 分享照片与经验 | 分享精选照片，记下下次可改进的地方。",
    ]),
  ];
}
