import "server-only";
// Trips. With a length of up to a week: a preparation step, then one task per
// day built from the destination's day themes (cities.ts); longer trips are
// grouped into legs; without a length, the bookings come first and the
// itinerary is its own step.
import type { Language } from "@/lib/shared/language";
import { durationAdjective, durationDays, durationText, type Duration } from "../duration.ts";
import type { Analysis } from "../goal-analysis.ts";
import { pick, shuffled } from "../seeded-random.ts";
import { cap, fill } from "../text.ts";
import { GENERIC_DAYS, PLACE_DAYS, type DayTheme } from "./cities.ts";
import { ph, st, type Bi, type DomainTemplate, type Phase, type Step } from "./template.ts";

export const tripTemplate: DomainTemplate = {
  phases: tripPhases,
  // Day-by-day titles name the destination's sights, so only the booking phases are recognisable across goals.
  reusablePhases: tripBookingPhases,
  note: (a) =>
    isDayByDayTrip(a)
      ? {
          en: `It's a ${durationDays(a.duration)}-day trip to ${a.subject}: one preparation step, then one task per day with sights grouped by area.`,
          zh: `这是一次${durationDays(a.duration)}天的${a.hasSubject ? a.subject : ""}之行：先做行前准备，再按区域把景点安排到每一天。`,
        }
      : a.duration
        ? {
            en: `A ${durationAdjective(a.duration, "en")} trip is too long to list day by day, so I grouped it into legs of a few days each.`,
            zh: `${durationText(a.duration, "zh-CN")}的行程较长，我把它分成几段，每段几天。`,
          }
        : {
            en: "No trip length was given, so the bookings come first and the daily itinerary is its own step.",
            zh: "没有给出行程天数，所以先安排预订，把每日行程作为单独一步。",
          },
};

/** The parts of a day: day themes list their activities in this order, and SLOT_TIPS is keyed by them. */
export const DAY_SLOTS = ["morning", "afternoon", "evening"] as const;
export type DaySlot = (typeof DAY_SLOTS)[number];

/** Longest trip (in days) planned with one task per day. */
const DAY_BY_DAY_MAX_DAYS = 7;

/** Whether the goal is a trip short enough to plan with one task per day (its titles then carry the day, not a time slot). */
export function isDayByDayTrip(a: Analysis): a is Analysis & { duration: Duration } {
  return a.domain === "trip" && a.duration !== undefined && durationDays(a.duration) <= DAY_BY_DAY_MAX_DAYS;
}

/** A trip of unknown length: bookings first, the itinerary as one step. */
function tripBookingPhases(): Phase[] {
  return [
    ph(1, "Set dates and budget | Pick travel dates for {s} and a total budget covering transport, lodging, food and tickets. || 确定日期与预算 | 确定去{s}的出行日期，以及涵盖交通、住宿、餐饮和门票的总预算。", [
      "Check holidays and the weather | Avoid peak holidays if you can and look up the typical weather for those dates. || 查看假期与天气 | 尽量避开节假日高峰，查一下出行日期的常见天气。",
      "Set a daily budget | Split the total into transport, lodging and a daily allowance for food and tickets. || 设定每日预算 | 把总预算拆成交通、住宿以及每天的餐饮门票开销。",
      "Agree with your travel companions | Confirm dates, budget and must-dos with everyone who is coming. || 与同行者达成一致 | 与所有同行的人确认日期、预算和必去的地方。",
    ]),
    ph(1, "Book transport | Compare flights or trains to {s}, book the best option and save the tickets offline. || 预订交通 | 比较去{s}的机票或火车票，选定后预订，并离线保存电子票。", [
      "Compare routes and prices | Check flights and trains side by side, including the time to get to and from stations and airports. || 比较路线与价格 | 把机票和火车票放在一起比较，算上往返机场车站的时间。",
      "Book the tickets | Book the chosen option and save confirmations offline. || 预订车票机票 | 预订选定方案，并离线保存确认信息。",
      "Plan local transport | Work out the metro, buses or ride-hailing you'll use once you arrive. || 规划当地交通 | 了解到达后要用的地铁、公交或打车方式。",
    ]),
    ph(1, "Book accommodation | Choose a neighbourhood close to the sights you care about and reserve a place with free cancellation. || 预订住宿 | 选一个离主要景点近的区域，预订可免费取消的酒店或民宿。", [
      "Pick the neighbourhood | Stay near public transport and the sights you plan to see most. || 选择住宿区域 | 住在公共交通方便、离主要景点近的地方。",
      "Compare and book | Compare reviews and prices, then book a room with free cancellation. || 比较并预订 | 对比评价和价格，预订可免费取消的房间。",
      "Confirm check-in details | Note the address, check-in time and how to get there from the station. || 确认入住信息 | 记下地址、入住时间和从车站过去的路线。",
    ]),
    ph(1.5, "Draft a day-by-day itinerary | Group the sights of {s} by area so each day has a realistic route, and book tickets that sell out. || 制定每日行程 | 把{s}的景点按区域分组，让每天的路线可行，并提前预约容易售罄的门票。", [
      "List must-see places | Write down the sights, food and experiences you don't want to miss. || 列出必去清单 | 写下不想错过的景点、美食和体验。",
      "Group them by area into days | Put nearby places on the same day and keep one half-day free. || 按区域安排到每一天 | 把相近的地方放在同一天，并留出半天空闲。",
      "Reserve timed tickets and restaurants | Book anything that needs a time slot or sells out. || 预约门票与餐厅 | 提前预约需要分时段或容易订满的项目。",
    ]),
    ph(1, "Pack and prepare documents | Check your ID or passport and visa, download offline maps and pack for the forecast. || 打包与证件准备 | 检查身份证或护照、签证，下载离线地图，并根据天气预报打包行李。", [
      "Check documents | Make sure your ID or passport is valid and any visa is sorted. || 检查证件 | 确认身份证或护照在有效期内，签证已办好。",
      "Prepare phone and payments | Download offline maps and translation, and set up mobile payments or a card that works abroad. || 准备手机与支付 | 下载离线地图和翻译工具，准备好移动支付或可用的银行卡。",
      "Pack for the forecast | Check the weather a few days before and pack light. || 根据天气打包 | 出发前几天看天气预报，轻装出行。",
    ]),
    ph(2, "Travel and enjoy | Follow the itinerary but leave room for detours, and keep receipts and photos organised as you go. || 出发并享受旅程 | 按行程出行但留出随性探索的空间，随手整理票据和照片。", [
      "Check in and get your bearings | Drop your bags and walk around the area near your hotel. || 入住并熟悉周边 | 放下行李，在住处附近走走熟悉环境。",
      "Follow the day plans | Start each day early at the busiest sight and keep the afternoons flexible. || 按每日计划游览 | 每天早点去最热门的景点，下午保持灵活。",
      "Keep a simple log | Note spending and favourite spots each evening. || 简单记录 | 每晚记下花费和最喜欢的地方。",
    ]),
  ];
}

/** `count` day themes for the goal's destination, in order. */
function tripDayThemes(a: Analysis, count: number): DayTheme[] {
  const own = a.place ? PLACE_DAYS[a.place.key] ?? [] : [];
  if (own.length >= count) return own.slice(0, count);
  const [oldTown, ...rest] = GENERIC_DAYS;
  const free = rest.at(-1)!;
  // Known sights first (or the old town), then a seeded mix; a free day closes longer trips.
  const pool = [...own, ...(own.length ? [] : [oldTown]), ...shuffled(rest.slice(0, -1), a.seed)];
  const themes = count >= 4 ? [...pool.slice(0, count - 1), free] : pool.slice(0, count);
  while (themes.length < count) themes.push(...pool);
  return themes.slice(0, count);
}

/** Practical tips for each part of a day, picked per goal as the description of a day's subtask. */
export const SLOT_TIPS: Record<DaySlot, Bi[]> = {
  morning: [
    { en: "Start early while it's quiet, and check opening hours and tickets the day before.", zh: "趁人少早点出发，前一天查好开放时间和门票。" },
    { en: "Allow two to three hours and bring water and a power bank.", zh: "预留两到三小时，带好水和充电宝。" },
  ],
  afternoon: [
    { en: "Plan the route between stops and leave time for a coffee or tea break.", zh: "规划好各站之间的路线，留出喝茶休息的时间。" },
    { en: "Keep it flexible: skip a stop if the morning ran long.", zh: "保持灵活：如果上午超时，可以删掉一站。" },
  ],
  evening: [
    { en: "Book a table ahead if it's a weekend or a popular place.", zh: "周末或热门餐厅记得提前订位。" },
    { en: "Check the last metro or bus back to your hotel.", zh: "查好回住处的末班地铁或公交。" },
  ],
};

function dayParts(theme: DayTheme, a: Analysis): [string, string, string] {
  const vars = { s: a.subject };
  const parts = a.lang === "zh-CN" ? theme.parts.zh : theme.parts.en;
  return parts.map((p) => fill(p, vars)) as [string, string, string];
}

function dayDescription(parts: [string, string, string], lang: Language, last: boolean): string {
  const [m, af, ev] = parts;
  if (lang === "zh-CN") return last ? `上午${m}，下午${af}，傍晚返程。` : `上午${m}，下午${af}，晚上${ev}。`;
  return last ? `${cap(m)}, then ${af}, and head home in the evening.` : `${cap(m)}, then ${af}; in the evening, ${ev}.`;
}

function daySubtasks(parts: [string, string, string], a: Analysis, first: boolean, last: boolean): Step[] {
  const zh = a.lang === "zh-CN";
  const labels = zh ? ["上午", "下午", "晚上"] : ["Morning", "Afternoon", "Evening"];
  const out: Step[] = [];
  if (first) {
    out.push({
      title: { en: `Arrive in ${a.subject} and check in`, zh: `抵达${a.subject}并入住` },
      desc: { en: "Drop your bags at the hotel and get a transport card or app set up.", zh: "把行李放到酒店，办好交通卡或打车软件。" },
    });
  }
  parts.forEach((part, i) => {
    if (last && i === 2) return;
    const tip = pick(SLOT_TIPS[DAY_SLOTS[i]], a.seed + i);
    const title = zh ? `${labels[i]}：${part}` : `${labels[i]}: ${cap(part)}`;
    out.push({ title: { en: title, zh: title }, desc: tip });
  });
  if (last) {
    out.push({
      title: { en: "Check out and travel home", zh: "退房并返程" },
      desc: { en: "Leave your luggage at the hotel until departure and get to the station with time to spare.", zh: "把行李寄存在酒店，出发前预留充足时间前往车站或机场。" },
    });
  }
  return out;
}

function tripPhases(a: Analysis): Phase[] {
  const days = a.duration ? durationDays(a.duration) : 0;
  if (!days) return tripBookingPhases();
  const zh = a.lang === "zh-CN";
  const nights = days - 1;
  const prep: Phase = {
    title: { en: "Before you go: tickets and lodging", zh: "行前准备：交通与住宿" },
    desc: {
      en: nights > 0
        ? `Book transport to {s}, reserve a hotel for ${nights} night${nights === 1 ? "" : "s"} near the centre and check which sights need advance booking.`
        : "Book transport to {s} and check which sights need advance booking.",
      zh: nights > 0 ? `预订往返{s}的交通，订好${nights}晚住宿，并查好需要提前预约的景点。` : "预订往返{s}的交通，并查好需要提前预约的景点。",
    },
    weight: 0,
    subtasks: [
      st("Book the round trip | Compare trains and flights, then book tickets that leave time for the first day's plans. || 预订往返交通 | 比较火车和航班，选一个不耽误首日安排的班次。"),
      ...(nights > 0 ? [st("Reserve the hotel | Stay near a metro line or within walking distance of the main sights. || 预订酒店 | 选靠近地铁或步行可达主要景点的住处。")] : []),
      st("Book timed-entry tickets | Reserve the sights and restaurants that sell out or need a time slot. || 预约门票 | 提前预约容易售罄或需分时段入场的景点和餐厅。"),
      st("Pack and download offline maps | Check the forecast, pack light and save maps and tickets offline. || 打包并下载离线地图 | 看好天气预报，轻装出行，离线保存地图和电子票。"),
    ],
  };
  if (days === 1) {
    // A day trip: one task per part of the day.
    const [theme] = tripDayThemes(a, 1);
    const parts = dayParts(theme, a);
    const labels = zh ? ["上午", "下午", "傍晚"] : ["Morning", "Afternoon", "Evening"];
    return [
      prep,
      ...parts.map((part, i): Phase => {
        const title = zh ? `${labels[i]}：${part}` : `${labels[i]}: ${cap(part)}`;
        const tip = pick(SLOT_TIPS[DAY_SLOTS[i]], a.seed + i);
        return {
          title: { en: title, zh: title },
          desc: i === 2 ? { en: "Check the last train or bus home before dinner, then head home.", zh: "吃饭前查好返程的末班车，然后返程。" } : tip,
          weight: 0,
          subtasks: [
            st("Check opening hours and tickets | Confirm times and book anything with a time slot. || 查开放时间与门票 | 确认开放时间，预约需要分时段的项目。"),
            st("Plan the route | Work out how to get there and how long it takes. || 规划路线 | 查好交通方式和所需时间。"),
            st("Pick a place to eat nearby | Shortlist one or two well-reviewed spots close by. || 选好附近的餐馆 | 挑一两家附近口碑好的店。"),
          ],
        };
      }),
    ];
  }
  if (days <= DAY_BY_DAY_MAX_DAYS) {
    const themes = tripDayThemes(a, days);
    return [
      prep,
      ...themes.map((theme, i): Phase => {
        const parts = dayParts(theme, a);
        const last = i === days - 1;
        const title = { en: `Day ${i + 1}: ${theme.title.en}`, zh: `第${i + 1}天：${theme.title.zh}` };
        const desc = dayDescription(parts, a.lang, last);
        return { title, desc: { en: desc, zh: desc }, weight: 1, subtasks: daySubtasks(parts, a, i === 0, last) };
      }),
    ];
  }
  // Longer trips: six legs of several days each (the schedule prefix adds the day ranges).
  const themes = tripDayThemes(a, 6);
  return [
    prep,
    ...themes.map((theme, i): Phase => {
      const parts = dayParts(theme, a);
      const last = i === themes.length - 1;
      const desc = dayDescription(parts, a.lang, last);
      return { title: theme.title, desc: { en: desc, zh: desc }, weight: 1, subtasks: daySubtasks(parts, a, i === 0, last) };
    }),
  ];
}
