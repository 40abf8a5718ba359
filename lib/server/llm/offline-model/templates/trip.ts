import "server-only";
// Trips. With a length of up to a week: a preparation step, then one task per
// day built from the destination's day themes (cities.ts, trip-days.ts);
// longer trips are grouped into legs; without a length, the bookings come
// first and the itinerary is its own step.
import type { Language } from "@/lib/shared/language";
import { durationAdjective, durationDays, durationText, type Duration } from "../duration.ts";
import type { Analysis } from "../goal-analysis.ts";
import { pick, shuffled } from "../seeded-random.ts";
import { GENERIC_DAYS, PLACE_DAYS, type DayTheme } from "./cities.ts";
import { ph, st, type DomainTemplate, type Phase, type Texts } from "./template.ts";
import { DAY_SLOTS, dayDescription, dayParts, daySubtasks, dayTitle, SLOT_TIPS, slotTitle } from "./trip-days.ts";

export { DAY_SLOTS, SLOT_TIPS, type DaySlot } from "./trip-days.ts";

export const tripTemplate: DomainTemplate = {
  phases: tripPhases,
  // Day-by-day titles name the destination's sights, so only the booking phases are recognisable across goals.
  reusablePhases: tripBookingPhases,
  note: tripNote,
};

function tripNote(a: Analysis): Texts {
  if (isDayByDayTrip(a)) {
    const days = durationDays(a.duration);
    return {
      en: `It's a ${days}-day trip to ${a.subject}: one preparation step, then one task per day with sights grouped by area.`,
      zh: `这是一次${days}天的${a.hasSubject ? a.subject : ""}之行：先做行前准备，再按区域把景点安排到每一天。`,
      ja: `${a.hasSubject ? `${a.subject}への` : ""}${days}日間の旅です。まず準備をしてから、見どころをエリアごとにまとめて1日1タスクにしました。`,
      es: `Es un viaje de ${days} días a ${a.subject}: un paso de preparación y luego una tarea por día, con los lugares agrupados por zonas.`,
      fr: `C'est un voyage de ${days} jours à ${a.subject} : une étape de préparation, puis une tâche par jour avec les sites regroupés par quartier.`,
    };
  }
  if (a.duration) {
    const d = a.duration;
    return {
      en: `A ${durationAdjective(d, "en")} trip is too long to list day by day, so I grouped it into legs of a few days each.`,
      zh: `${durationText(d, "zh-CN")}的行程较长，我把它分成几段，每段几天。`,
      ja: `${durationText(d, "ja")}の旅は日ごとに並べるには長いので、数日ずつの区間に分けました。`,
      es: `Un viaje de ${durationText(d, "es")} es demasiado largo para ir día a día, así que lo dividí en etapas de unos días.`,
      fr: `Un voyage de ${durationText(d, "fr")} est trop long pour un programme jour par jour : je l'ai découpé en étapes de quelques jours.`,
    };
  }
  return {
    en: "No trip length was given, so the bookings come first and the daily itinerary is its own step.",
    zh: "没有给出行程天数，所以先安排预订，把每日行程作为单独一步。",
    ja: "旅行の日数が書かれていないので、予約を先にして、日ごとの旅程は別のステップにしました。",
    es: "No se indicó la duración del viaje, así que primero van las reservas y el itinerario diario es un paso aparte.",
    fr: "Aucune durée n'a été indiquée : les réservations passent d'abord et l'itinéraire quotidien est une étape à part.",
  };
}

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

/** Texts the same in every language (a day's title built from its parts). */
const same = (text: string): Texts => ({ en: text, zh: text, ja: text, es: text, fr: text });

/** The preparation step of a trip with a known length. */
function prepPhase(nights: number): Phase {
  const n = (one: string, many: string) => (nights === 1 ? one : many);
  return {
    title: { en: "Before you go: tickets and lodging", zh: "行前准备：交通与住宿", ja: "出発前：交通と宿", es: "Antes de salir: billetes y alojamiento", fr: "Avant de partir : billets et hébergement" },
    desc:
      nights > 0
        ? {
            en: `Book transport to {s}, reserve a hotel for ${nights} night${n("", "s")} near the centre and check which sights need advance booking.`,
            zh: `预订往返{s}的交通，订好${nights}晚住宿，并查好需要提前预约的景点。`,
            ja: `{s}への交通を予約し、中心部に${nights}泊分のホテルを取り、事前予約が必要な見どころを確認します。`,
            es: `Reserva el transporte a {s} y un hotel céntrico para ${nights} ${n("noche", "noches")}, y revisa qué lugares requieren reserva previa.`,
            fr: `Réservez le transport pour {s} et un hôtel central pour ${nights} ${n("nuit", "nuits")}, et vérifiez quels sites demandent une réservation.`,
          }
        : {
            en: "Book transport to {s} and check which sights need advance booking.",
            zh: "预订往返{s}的交通，并查好需要提前预约的景点。",
            ja: "{s}への交通を予約し、事前予約が必要な見どころを確認します。",
            es: "Reserva el transporte a {s} y revisa qué lugares requieren reserva previa.",
            fr: "Réservez le transport pour {s} et vérifiez quels sites demandent une réservation.",
          },
    weight: 0,
    subtasks: [
      st("Book the round trip | Compare trains and flights, then book tickets that leave time for the first day's plans. || 预订往返交通 | 比较火车和航班，选一个不耽误首日安排的班次。"),
      ...(nights > 0 ? [st("Reserve the hotel | Stay near a metro line or within walking distance of the main sights. || 预订酒店 | 选靠近地铁或步行可达主要景点的住处。")] : []),
      st("Book timed-entry tickets | Reserve the sights and restaurants that sell out or need a time slot. || 预约门票 | 提前预约容易售罄或需分时段入场的景点和餐厅。"),
      st("Pack and download offline maps | Check the forecast, pack light and save maps and tickets offline. || 打包并下载离线地图 | 看好天气预报，轻装出行，离线保存地图和电子票。"),
    ],
  };
}

const HEAD_HOME: Texts = {
  en: "Check the last train or bus home before dinner, then head home.",
  zh: "吃饭前查好返程的末班车，然后返程。",
  ja: "夕食前に帰りの最終列車かバスを確認してから帰路へ。",
  es: "Antes de cenar, mira el último tren o autobús de vuelta y regresa.",
  fr: "Avant le dîner, vérifiez le dernier train ou bus du retour, puis rentrez.",
};

function tripPhases(a: Analysis): Phase[] {
  const days = a.duration ? durationDays(a.duration) : 0;
  if (!days) return tripBookingPhases();
  const prep = prepPhase(days - 1);
  if (days === 1) {
    // A day trip: one task per part of the day.
    const [theme] = tripDayThemes(a, 1);
    const parts = dayParts(theme, a);
    return [
      prep,
      ...parts.map((part, i): Phase => ({
        title: same(slotTitle(a.lang, i, part, true)),
        desc: i === 2 ? HEAD_HOME : pick(SLOT_TIPS[DAY_SLOTS[i]], a.seed + i),
        weight: 0,
        subtasks: [
          st("Check opening hours and tickets | Confirm times and book anything with a time slot. || 查开放时间与门票 | 确认开放时间，预约需要分时段的项目。"),
          st("Plan the route | Work out how to get there and how long it takes. || 规划路线 | 查好交通方式和所需时间。"),
          st("Pick a place to eat nearby | Shortlist one or two well-reviewed spots close by. || 选好附近的餐馆 | 挑一两家附近口碑好的店。"),
        ],
      })),
    ];
  }
  const dayByDay = days <= DAY_BY_DAY_MAX_DAYS;
  // Longer trips: six legs of several days each (the schedule prefix adds the day ranges).
  const themes = tripDayThemes(a, dayByDay ? days : 6);
  return [
    prep,
    ...themes.map((theme, i): Phase => {
      const parts = dayParts(theme, a);
      const last = i === themes.length - 1;
      const title = dayByDay ? dayTitles(theme, i + 1) : theme.title;
      return { title, desc: same(dayDescription(parts, a.lang, last)), weight: 1, subtasks: daySubtasks(parts, a, i === 0, last) };
    }),
  ];
}

/** "Day n: <theme>" in every language. */
function dayTitles(theme: DayTheme, n: number): Texts {
  const langs: [keyof Texts, Language][] = [["en", "en"], ["zh", "zh-CN"], ["ja", "ja"], ["es", "es"], ["fr", "fr"]];
  return Object.fromEntries(langs.map(([k, l]) => [k, dayTitle(l, n, theme.title[k])])) as Texts;
}
