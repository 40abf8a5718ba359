import "server-only";
// The city data: destinations the planner knows by name (in every language),
// their sights as day themes, and generic day themes for any other place.
// Day themes are written in English and Chinese here; ja/es/fr come from the
// catalog (./catalog), by English title.
import type { Language } from "@/lib/shared/language";
import { CATALOG_LANGUAGES, dayIn } from "./catalog/index.ts";
import type { TextKey, Texts } from "./template.ts";

/** A destination known by name: `key` indexes PLACE_DAYS, `names` is how each language writes it, `aliases` matches it in a goal in any language. */
export type KnownPlace = { key: string; names: Record<Language, string>; aliases: RegExp };

const place = (key: string, en: string, zh: string, ja: string, es: string, fr: string, aliases: RegExp): KnownPlace => ({
  key,
  names: { en, "zh-CN": zh, ja, es, fr },
  aliases,
});

const PLACES: KnownPlace[] = [
  place("hangzhou", "Hangzhou", "杭州", "杭州", "Hangzhou", "Hangzhou", /hangzhou|杭州|西湖/i),
  place("beijing", "Beijing", "北京", "北京", "Pekín", "Pékin", /beijing|peking|pek[ií]n|p[ée]kin|北京/i),
  place("shanghai", "Shanghai", "上海", "上海", "Shanghái", "Shanghai", /shangh[aá]i|上海/i),
  place("chengdu", "Chengdu", "成都", "成都", "Chengdu", "Chengdu", /chengdu|成都/i),
  place("xian", "Xi'an", "西安", "西安", "Xi'an", "Xi'an", /xi'?an\b|西安/i),
  place("tokyo", "Tokyo", "东京", "東京", "Tokio", "Tokyo", /tok[yi]o|东京|東京|とうきょう/i),
  place("paris", "Paris", "巴黎", "パリ", "París", "Paris", /par[ií]s|巴黎|パリ/i),
];

/** The first known place named in `goal`, if any. */
export function findPlace(goal: string): KnownPlace | undefined {
  return PLACES.find((p) => p.aliases.test(goal));
}

/** A day theme: title plus morning / afternoon / evening activities, in every language. */
export type DayTheme = { title: Texts; parts: Record<TextKey, [string, string, string]> };

function day(enTitle: string, en: [string, string, string], zhTitle: string, zh: [string, string, string]): DayTheme {
  const title = { en: enTitle, zh: zhTitle } as Texts;
  const parts = { en, zh } as Record<TextKey, [string, string, string]>;
  for (const l of CATALOG_LANGUAGES) {
    const t = dayIn(l, enTitle);
    title[l] = t?.title ?? enTitle;
    parts[l] = t?.parts ?? en;
  }
  return { title, parts };
}

/** Each known place's sights as day themes, best first (a short trip gets the first ones). */
export const PLACE_DAYS: Record<string, DayTheme[]> = {
  hangzhou: [
    day("West Lake and the Su Causeway", ["walk from the Broken Bridge along the Bai Causeway", "take a boat to Three Pools Mirroring the Moon and stroll the Su Causeway", "watch the sunset from Leifeng Pagoda"],
      "西湖与苏堤", ["从断桥出发沿白堤漫步", "乘船游三潭印月，再走苏堤", "登雷峰塔看西湖日落"]),
    day("Lingyin Temple and Longjing tea village", ["visit Lingyin Temple and the Feilai Feng rock carvings", "walk through the Longjing tea plantations and taste fresh Dragon Well tea", "have a farmhouse dinner in Meijiawu"],
      "灵隐寺与龙井茶园", ["参观灵隐寺和飞来峰石刻", "漫步龙井茶园，品一杯新茶", "在梅家坞吃农家菜"]),
    day("Hefang Street and the Grand Canal", ["explore Hefang Street and the Southern Song Imperial Street", "ride a water bus along the Grand Canal to Gongchen Bridge", "try West Lake vinegar fish and Dongpo pork"],
      "河坊街与京杭大运河", ["逛河坊街和南宋御街", "乘水上巴士沿京杭大运河到拱宸桥", "品尝西湖醋鱼、东坡肉等杭帮菜"]),
    day("Xixi Wetland and the silk museum", ["cycle or take an electric boat through Xixi National Wetland Park", "visit the China National Silk Museum", "stroll the Hubin lakeside and catch the musical fountain"],
      "西溪湿地与丝绸博物馆", ["骑行或乘电瓶船游西溪国家湿地公园", "参观中国丝绸博物馆", "在湖滨散步，看音乐喷泉"]),
  ],
  beijing: [
    day("Tiananmen and the Forbidden City", ["see the flag-raising at Tiananmen Square", "tour the Forbidden City (book tickets in advance)", "climb Jingshan Park for the view over the palace roofs"],
      "天安门与故宫", ["在天安门广场看升旗", "参观故宫（需提前预约）", "登景山公园俯瞰故宫全景"]),
    day("The Great Wall at Mutianyu", ["take an early bus or car to Mutianyu", "hike the wall and ride the toboggan down", "eat Peking duck back in the city"],
      "慕田峪长城", ["一早乘车前往慕田峪", "登长城，坐滑道下山", "回城吃北京烤鸭"]),
    day("Temple of Heaven and the hutongs", ["watch the morning exercisers at the Temple of Heaven", "explore the hutongs around Shichahai by bike or rickshaw", "stroll Nanluoguxiang and Houhai"],
      "天坛与胡同", ["游天坛，看公园里晨练的市民", "骑车或坐三轮逛什刹海胡同", "夜游南锣鼓巷和后海"]),
    day("Summer Palace and 798", ["walk around Kunming Lake at the Summer Palace", "visit the ruins of the Old Summer Palace", "browse the galleries of the 798 Art District"],
      "颐和园与798", ["游颐和园，环昆明湖漫步", "参观圆明园遗址", "逛798艺术区"]),
  ],
  shanghai: [
    day("The Bund and Nanjing Road", ["walk Nanjing Road to the Bund", "visit the Shanghai Museum", "see the Lujiazui skyline lit up from the Bund"],
      "外滩与南京路", ["沿南京路步行街走到外滩", "参观上海博物馆", "在外滩看陆家嘴夜景"]),
    day("Yu Garden and the old town", ["explore Yu Garden", "eat xiaolongbao in the old town and wander Tianzifang", "take a Huangpu River cruise"],
      "豫园与老城厢", ["游豫园", "在城隍庙吃小笼包，再逛田子坊", "乘黄浦江游船"]),
    day("Wukang Road and Lujiazui", ["stroll the plane-tree streets around Wukang Road", "go up the Shanghai Tower observation deck", "have dinner in Xintiandi"],
      "武康路与陆家嘴", ["漫步武康路梧桐区", "登上海中心观光厅", "在新天地吃晚饭"]),
  ],
  chengdu: [
    day("Giant pandas and Kuanzhai Alley", ["be at the Panda Base at opening time, when the pandas are most active", "wander Kuanzhai Alley", "eat a proper Sichuan hotpot"],
      "大熊猫基地与宽窄巷子", ["开园时到熊猫基地看最活跃的大熊猫", "逛宽窄巷子", "吃一顿正宗火锅"]),
    day("Wuhou Shrine and Jinli", ["visit Wuhou Shrine", "sip tea in People's Park", "watch Sichuan opera face-changing"],
      "武侯祠与锦里", ["参观武侯祠", "在人民公园喝盖碗茶", "看川剧变脸"]),
    day("Dujiangyan and Mount Qingcheng", ["take the train to the Dujiangyan irrigation system", "hike the front mountain of Mount Qingcheng", "come back for chuanchuan skewers"],
      "都江堰与青城山", ["乘高铁去都江堰水利工程", "登青城山前山", "回城吃串串"]),
  ],
  xian: [
    day("The Terracotta Warriors", ["see the Terracotta Army", "visit Huaqing Palace", "eat your way through the Muslim Quarter"],
      "兵马俑", ["参观秦始皇兵马俑", "游华清宫", "逛回民街吃小吃"]),
    day("City Wall and Big Wild Goose Pagoda", ["cycle on the Ming city wall", "visit the Big Wild Goose Pagoda and the Shaanxi History Museum", "walk Datang Everbright City at night"],
      "城墙与大雁塔", ["在明城墙上骑行", "参观大雁塔与陕西历史博物馆", "夜游大唐不夜城"]),
  ],
  tokyo: [
    day("Asakusa and Skytree", ["visit Senso-ji early, before the crowds", "walk over to Tokyo Skytree", "have dinner around Ueno's Ameyoko"],
      "浅草与晴空塔", ["清早参拜浅草寺", "步行到东京晴空塔", "在上野阿美横町吃晚饭"]),
    day("Meiji Shrine, Harajuku and Shibuya", ["walk through Meiji Shrine", "explore Takeshita Street and Omotesando", "see Shibuya Crossing from Shibuya Sky at dusk"],
      "明治神宫、原宿与涩谷", ["漫步明治神宫", "逛原宿竹下通和表参道", "黄昏从Shibuya Sky看涩谷十字路口"]),
    day("Tsukiji and teamLab", ["breakfast at Tsukiji Outer Market", "see the teamLab digital art museum", "find an izakaya in Shinjuku's Omoide Yokocho"],
      "筑地与teamLab", ["在筑地场外市场吃早餐", "看teamLab数字艺术展", "去新宿回忆横丁的居酒屋"]),
    day("Day trip to Kamakura", ["take the train to Kamakura and see the Great Buddha", "walk the temples of Hase and Komachi Street", "watch the sunset at Enoshima"],
      "镰仓一日游", ["乘电车去镰仓看大佛", "逛长谷寺和小町通", "在江之岛看日落"]),
  ],
  paris: [
    day("Eiffel Tower and the Seine", ["go up the Eiffel Tower (book a timed slot)", "walk from the Trocadéro along the Seine", "take a river cruise on the Seine"],
      "埃菲尔铁塔与塞纳河", ["登埃菲尔铁塔（预约时段票）", "从特罗卡德罗广场沿塞纳河散步", "乘夜游船"]),
    day("The Louvre and the Marais", ["see the Louvre's highlights", "wander the Marais and Place des Vosges", "dine in a classic bistro"],
      "卢浮宫与玛黑区", ["参观卢浮宫精华展品", "逛玛黑区和孚日广场", "在传统小酒馆吃晚饭"]),
    day("Montmartre", ["climb up to Sacré-Cœur", "explore the artists' square at Place du Tertre", "listen to a jazz club set"],
      "蒙马特高地", ["登上圣心堂", "逛小丘广场的画家集市", "去爵士酒吧听现场"]),
    day("Versailles", ["take the RER to the Palace of Versailles", "walk the gardens and the Trianon estate", "return for a picnic by the canal"],
      "凡尔赛宫", ["乘RER去凡尔赛宫", "漫步花园和特里亚农宫", "回城在运河边野餐"]),
  ],
};

/**
 * Day themes for any destination, or to lengthen a known one's. The order
 * matters to tripDayThemes: the first (the old town) opens a trip to an
 * unknown place, the last (a free day) closes longer trips, and the rest are
 * shuffled per goal.
 */
export const GENERIC_DAYS: DayTheme[] = [
  day("Old town and landmarks", ["start with a walk through the old town", "visit the best-known landmark and its museum", "have dinner at a well-reviewed local restaurant"],
    "老城与地标", ["从老城区漫步开始", "参观最有名的地标和博物馆", "在口碑好的本地餐馆吃晚饭"]),
  day("Markets and local food", ["browse a morning market", "join a food tour or a cooking class", "try street food at a night market"],
    "市集与美食", ["逛早市", "参加美食之旅或烹饪课", "去夜市尝小吃"]),
  day("Museums and culture", ["visit the main museum", "explore a gallery or a cultural quarter", "see a local performance"],
    "博物馆与文化", ["参观当地最主要的博物馆", "逛美术馆或文化街区", "看一场当地演出"]),
  day("Nature and views", ["hike or cycle to a viewpoint outside the centre", "picnic and relax in a park", "watch the sunset from a high spot"],
    "自然与风景", ["徒步或骑行到郊外观景点", "在公园野餐休息", "找个高处看日落"]),
  day("Neighbourhoods and shopping", ["wander a lively neighbourhood", "shop for local crafts and souvenirs", "end the day at a rooftop bar or café"],
    "街区与购物", ["逛一个热闹的街区", "选购手工艺品和纪念品", "找家屋顶酒吧或咖啡馆坐坐"]),
  day("Day trip to the surroundings", ["take an early train to a nearby town", "explore it at a slow pace", "head back to your base for dinner"],
    "周边一日游", ["一早乘车去附近的小镇", "慢慢逛逛", "回住处附近吃晚饭"]),
  day("Free day", ["sleep in and revisit a favourite spot", "catch anything you missed", "enjoy a farewell dinner"],
    "自由活动", ["睡个懒觉，再去一次最喜欢的地方", "补上之前错过的景点", "吃一顿告别晚餐"]),
];
