import "server-only";
// Which kind of plan a goal needs, from keywords in English, Chinese,
// Japanese, Spanish and French.
import { findPlace } from "./templates/cities.ts";

/**
 * Every domain with a plan template. The order is the one subtasks() searches
 * the templates in for a task title, so the first match wins.
 */
export const DOMAINS = ["software", "trip", "event", "learning", "writing", "moving", "fitness", "generic"] as const;
export type Domain = (typeof DOMAINS)[number];
type KeywordDomain = Exclude<Domain, "generic">;

/** Tie-break order when two domains match equally often. */
const DOMAIN_PRIORITY: KeywordDomain[] = ["trip", "event", "fitness", "moving", "writing", "learning", "software"];

const DOMAIN_KEYWORDS: Record<KeywordDomain, RegExp[]> = {
  software: [
    /\b(apps?|application|website|web ?site|web ?app|saas|mvp|software|api|platform|launch(?:ing)?|release|ship|beta|ios|android|startup|product|feature|deploy)\b/gi,
    /(App|APP|app|应用|小程序|网站|软件|产品|系统|平台|上线|发布|版本|功能|开发)/g,
    /(?<![\p{L}])(aplicaci[oó]n|aplicaciones|sitio web|p[aá]gina web|plataforma|lanzar|lanzamiento|producto|startup|videojuego|desarrollar|desarrollo|application|appli|site web|site internet|plateforme|logiciel|lancer|lancement|produit|jeu vidéo|développer|développement)(?![\p{L}])/giu,
    /(アプリ|ウェブサイト|サイト|ウェブサービス|システム|プラットフォーム|リリース|ローンチ|開発|プロダクト|サービス)/g,
  ],
  trip: [
    /\b(trip|travel|travell?ing|vacation|holiday|getaway|journey|itinerary|honeymoon|sightseeing|backpacking|visit|visiting|tour)\b/gi,
    /(旅行|旅游|行程|出游|度假|自由行|游玩|自驾|观光|日游|蜜月|去.{1,6}玩)/g,
    // "Two weeks in Japan", "a weekend in Paris" (case-sensitive: a capitalised place).
    /\b(?:[Dd]ays?|[Ww]eeks?|[Ww]eekend|[Mm]onths?)\s+(?:in|to|around|across)\s+[A-Z]/g,
    /(?<![\p{L}])(viaje|viajar|vacaciones|escapada|itinerario|turismo|visitar|recorrer|luna de miel|voyage|voyager|vacances|séjour|escapade|itinéraire|visiter|lune de miel)(?![\p{L}])/giu,
    /(旅(?![行游])|観光|日帰り|ツアー|[にへ]行き?たい|[にへ]遊びに行)/g,
  ],
  event: [
    /\b(event|party|wedding|conference|meetup|summit|workshop|hackathon|festival|gala|fundraiser|reunion|ceremony|celebration|shower|bachelor(?:ette)?|offsite|retreat|birthday|anniversary|concert|webinar|guests?|attendees|venue|invitations?|rsvps?)\b/gi,
    /(活动|聚会|派对|婚礼|会议|年会|生日|庆典|典礼|晚宴|团建|沙龙|展会|峰会|发布会|聚餐|纪念日)/g,
    /(?<![\p{L}])(boda|fiesta|evento|conferencia|congreso|cumpleaños|aniversario|reunión|celebración|invitados|taller|seminario|retiro|mariage|fête|soirée|événement|évènement|conférence|congrès|anniversaire|réunion|dîner|célébration|invités|séminaire|atelier)(?![\p{L}])/giu,
    /(結婚式|披露宴|パーティー|イベント|会議|カンファレンス|記念日|飲み会|忘年会|新年会|歓迎会|送別会|式典|セミナー|招待|合宿|同窓会)/g,
  ],
  learning: [
    /\b(learn|learning|study|studying|exams?|course|certification|certificate|ielts|toefl|gre|gmat|sat|lsat|mcat|jlpt|hsk|revise|pass the|fluent|master)\b/gi,
    /(学习|学会|考试|备考|课程|考研|雅思|托福|证书|考证|高考|四六级|复习|自学|入门|掌握|期末|(?<![大中小同])学(?![校生期]))/g,
    /(?<![\p{L}])(aprender|estudiar|examen|curso|certificado|certificación|dominar|aprobar|oposiciones|apprendre|étudier|cours|diplôme|maîtriser|réussir|réviser|concours|dele|delf|dalf|toeic)(?![\p{L}])/giu,
    /(勉強|習得|試験|検定|資格|受験|合格|講座|マスター|英検)/g,
  ],
  writing: [
    /\b(write|writing|novel|thesis|dissertation|article|essay|blog|manuscript|memoir|screenplay|(?:a|my|the|our|first|new)\s+book)\b/gi,
    /(写|论文|小说|文章|博客|书稿|剧本|出书|报告)/g,
    /(?<![\p{L}])(escribir|novela|tesis|artículo|ensayo|libro|memorias|guion|écrire|rédiger|roman|thèse|mémoire|essai|livre|scénario)(?![\p{L}])/giu,
    /(書く|書き|執筆|小説|論文|卒論|記事|ブログ|原稿|脚本|エッセイ)/g,
  ],
  moving: [
    /\b(move to|moving to|move into|moving into|moving house|move house|move out|relocat\w*|new apartment|new flat|new house|movers)\b/gi,
    /(搬家|搬到|搬去|搬迁|乔迁|搬入)/g,
    /(?<![\p{L}])(mudanza|mudarse|mudarme|mudarnos|trasladarme|trasladarnos|piso nuevo|casa nueva|déménager|déménagement|emménager|nouvel appartement|nouveau logement)(?![\p{L}])/giu,
    /(引っ越|引越|転居|移住|新居)/g,
  ],
  fitness: [
    /\b(marathon|half[- ]marathon|10k|5k|triathlon|ultra|fitness|workout|gym|lose weight|weight loss|lose \d+|get fit|in shape|strength training|muscle|running)\b/gi,
    /(马拉松|半马|全马|跑步|健身|减肥|减重|瘦身|增肌|锻炼|体能|铁人三项|公里)/g,
    /(?<![\p{L}])(maratón|media maratón|correr|gimnasio|adelgazar|perder peso|bajar de peso|en forma|entrenar|triatlón|courir|course à pied|salle de sport|maigrir|perdre du poids|remise en forme|s'entraîner|musculation)(?![\p{L}])/giu,
    /(マラソン|ランニング|ジム|ダイエット|減量|筋トレ|痩せ|やせ|トライアスロン|走る)/g,
  ],
};

/**
 * The domain whose keywords occur most often in `goal` (in any of the five languages);
 * a goal naming only a known city is a trip, anything else is "generic".
 */
export function detectDomain(goal: string): Domain {
  let best: Domain = "generic";
  let bestScore = 0;
  for (const domain of DOMAIN_PRIORITY) {
    const score = DOMAIN_KEYWORDS[domain].reduce(
      (n, re) => n + (goal.match(re)?.length ?? 0),
      0,
    );
    if (score > bestScore) {
      best = domain;
      bestScore = score;
    }
  }
  // A well-known destination and nothing else: a trip.
  if (best === "generic" && findPlace(goal)) return "trip";
  return best;
}
