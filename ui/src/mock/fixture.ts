// A realistic demo team for the mock build and the tests: six services, 90 days of bars
// with a few bad days, one planned maintenance, a gap with no data, incidents and thank-yous.
// Everything is computed from a fixed "now" so screenshots and tests are stable.
import type {
  Audience,
  DayBar,
  GlossaryEntry,
  IncidentStats,
  IncidentView,
  Lang,
  Overview,
  Period,
  PeriodKind,
  ServiceStats,
  ServiceTimeline,
  Story,
  StoryPart,
  ThankYou,
} from "../lib/bindings";
import { aboutDuration, formatUptime } from "../lib/format";
import { attrIn, tIn } from "../lib/i18n.svelte";

/** Friday afternoon in Madrid. */
export const FIXTURE_NOW = "2026-11-27T16:30:00+01:00";
export const FIXTURE_TODAY = "2026-11-27";
const OFFSET = "+01:00";
const DAY_S = 86_400;

export const PEOPLE = ["Ana", "Ben", "Chloé", "Dev", "Marta"];

type ServiceSeed = { id: string; name: string; technical_name: string; source: string };

export const SERVICES: ServiceSeed[] = [
  { id: "svc-shop", name: "the online shop", technical_name: "shop-web-prod", source: "uptime-kuma" },
  { id: "svc-checkout", name: "checkout", technical_name: "api-gw-prod", source: "prometheus" },
  { id: "svc-website", name: "the website", technical_name: "www-static-01", source: "uptime-kuma" },
  { id: "svc-email", name: "customer emails", technical_name: "smtp-relay-01", source: "prometheus" },
  { id: "svc-mobile", name: "the mobile app", technical_name: "mobile-api-prod", source: "prometheus" },
  { id: "svc-search", name: "the search", technical_name: "search-es-prod", source: "prometheus" },
];

type DayEvent = Partial<Omit<DayBar, "date">> & Pick<DayBar, "state">;

/** The bad days, by service and date. Every other day is a plain good day. */
const EVENTS: Record<string, Record<string, DayEvent>> = {
  "svc-shop": {
    "2026-09-03": { state: "down", down_seconds: 12 * 60 },
    "2026-11-18": { state: "partial", down_seconds: 18 * 60 },
  },
  "svc-checkout": {
    "2026-09-12": { state: "degraded", degraded_seconds: 25 * 60 },
    "2026-11-24": { state: "partial", down_seconds: 42 * 60 },
  },
  "svc-website": {
    "2026-11-10": { state: "degraded", degraded_seconds: 10 * 60 },
    "2026-11-15": { state: "maintenance", maintenance_seconds: 2 * 3600 },
  },
  "svc-email": {
    "2026-10-08": { state: "no_data", no_data_seconds: DAY_S },
    "2026-10-09": { state: "no_data", no_data_seconds: DAY_S },
    "2026-10-10": { state: "no_data", no_data_seconds: DAY_S },
  },
  "svc-mobile": {
    "2026-10-21": { state: "down", down_seconds: 95 * 60 },
  },
  "svc-search": {
    "2026-11-05": { state: "partial", down_seconds: 30 * 60 },
    "2026-11-27": { state: "degraded", degraded_seconds: 6 * 3600 + 25 * 60 },
  },
};

/** An incident as the backend shows it: opened at a Madrid time, resolved `minutes` later by the
 * first of `fixedBy` (`null` minutes: still open). */
function incident(
  id: string,
  title: string,
  service_name: string,
  severity: IncidentView["severity"],
  opened: string,
  minutes: number | null,
  fixedBy: string[],
  outside_working_hours: boolean,
  summary: string,
): IncidentView {
  return {
    id,
    title,
    service_name,
    severity,
    opened_at: `${opened}${OFFSET}`,
    resolved_at: minutes === null ? null : `${addMinutes(opened, minutes)}${OFFSET}`,
    resolved_by: minutes === null ? null : fixedBy[0],
    seconds_to_resolve: minutes === null ? null : minutes * 60,
    outside_working_hours,
    fixed_by: fixedBy,
    summary,
    kind: "problem",
    source_explanation: SOURCE_TEXTS[id] ?? null,
    explanation: null,
  };
}

/** What the sources say changed afterwards, in engineers' words (the editor's starting point). */
const SOURCE_TEXTS: Record<string, string> = {
  "inc-checkout-1124":
    "RCA: /var on db-primary-2 hit 100% because WAL archives were not rotated. Added logrotate for the archive dir and a disk usage alert at 80% so on-call is paged before the database stops accepting writes.",
  "inc-mobile-1021": "Auth cert expired; renewed and added cert-manager auto-renewal plus an expiry alert 14 days ahead.",
};

/** "2026-11-24T02:47:00" plus 42 minutes, as a local time with no zone. */
function addMinutes(local: string, minutes: number): string {
  const at = new Date(`${local}Z`);
  return new Date(at.getTime() + minutes * 60_000).toISOString().slice(0, 19);
}

export const INCIDENTS: IncidentView[] = [
  incident("inc-search-1127", "The search is slow for some people", "the search", "minor", "2026-11-27T10:05:00", null, ["Dev"], false,
    "Searching the shop takes a few seconds longer than usual; Dev is looking into it."),
  incident("inc-checkout-1124", "Some payments did not go through", "checkout", "minor", "2026-11-24T02:47:00", 42, ["Ana"], true,
    "For 42 minutes in the night some people could not pay; Ana found a full disk and made room."),
  incident("inc-shop-1118", "Some product pages did not load", "the online shop", "minor", "2026-11-18T11:20:00", 18, ["Ben"], false,
    "A few pages showed an error for 18 minutes after an update; Ben rolled the update back."),
  incident("inc-search-1105", "Search results were missing", "the search", "minor", "2026-11-05T14:02:00", 30, ["Dev"], false,
    "Searches came back empty for half an hour; Dev rebuilt the search index."),
  incident("inc-mobile-1021", "Nobody could log in to the mobile app", "the mobile app", "major", "2026-10-21T19:40:00", 95, ["Chloé"], true,
    "For about an hour and a half in the evening the app said the password was wrong; Chloé renewed an expired certificate."),
  incident("inc-shop-0903", "The shop was down for a short while", "the online shop", "minor", "2026-09-03T08:15:00", 12, ["Marta"], true,
    "The shop did not open for 12 minutes early in the morning; Marta restarted a stuck server."),
];

/** A note as the backend shows it: on the wall, delivered, and about `incident_id` if given. */
export function noteView(
  note: Pick<ThankYou, "id" | "author" | "recipients" | "message" | "created_at"> & Partial<ThankYou>,
): ThankYou {
  const incident = INCIDENTS.find((i) => i.id === note.incident_id);
  return {
    incident_id: null,
    period_from: null,
    period_to: null,
    about: incident ? incident.title : null,
    incident_title: incident?.title ?? null,
    incident_opened_at: incident?.opened_at ?? null,
    edited_at: null,
    is_demo: true,
    waiting_to_send: false,
    send_refused: false,
    send_error: null,
    ...note,
  };
}

/** The demo wall, newest first. The first note keeps its line breaks on purpose. */
export const DEMO_THANKS: ThankYou[] = [
  noteView({
    id: "thx-4",
    author: "Ben",
    recipients: ["Ana"],
    message: "Thank you for Tuesday night.\nYou fixed checkout before 3:30 in the morning and still came to stand-up with a smile.",
    incident_id: "inc-checkout-1124",
    created_at: `2026-11-24T09:12:00${OFFSET}`,
  }),
  noteView({
    id: "thx-3",
    author: "Marta",
    recipients: ["Dev", "Chloé"],
    message: "The new search servers went in without a single complaint. That was weeks of careful work.",
    created_at: `2026-11-20T17:40:00${OFFSET}`,
  }),
  noteView({
    id: "thx-2",
    author: "Ana",
    recipients: ["Marta"],
    message: "Thanks for moving the email monitor. Nobody noticed, which is the whole point.",
    created_at: `2026-10-12T10:03:00${OFFSET}`,
  }),
  noteView({
    id: "thx-1",
    author: "Chloé",
    recipients: ["Ben", "Ana", "Dev"],
    message: "You all stayed late for the mobile login problem. I owe each of you a coffee.",
    incident_id: "inc-mobile-1021",
    created_at: `2026-10-22T09:30:00${OFFSET}`,
  }),
];

// ---- calendar helpers (dates as "YYYY-MM-DD", computed in UTC to avoid zone shifts) ----

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dayList(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The words of the period labels the backend writes in the overview's language. */
const PERIOD_WORDS: Record<Lang, Record<"thisWeek" | "lastWeek" | "last30" | "last90" | "to" | "soFar", string>> = {
  en: { thisWeek: "This week", lastWeek: "Last week", last30: "The last 30 days", last90: "The last 90 days", to: "to", soFar: " (so far)" },
  es: { thisWeek: "Esta semana", lastWeek: "La semana pasada", last30: "Los últimos 30 días", last90: "Los últimos 90 días", to: "al", soFar: " (hasta ahora)" },
};

const at = (date: string) => `${date}T00:00:00${OFFSET}`;

type Range = { period: Period; firstDay: string; lastDay: string };

function range(kind: PeriodKind, lang: Lang = "en"): Range {
  const words = PERIOD_WORDS[lang];
  const day = (date: string) => new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const month = (date: string) => new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
  const days = (name: string, from: string, to: string, soFar = "") => `${name}, ${day(from)} ${words.to} ${day(to)} 2026${soFar}`;
  const today = FIXTURE_TODAY;
  const monday = "2026-11-23";
  const ranges: Record<PeriodKind, [string, string, string, string]> = {
    // [first day, last day, to, label]
    this_week: [monday, today, FIXTURE_NOW, days(words.thisWeek, monday, today, words.soFar)],
    last_week: [addDays(monday, -7), addDays(monday, -1), at(monday), days(words.lastWeek, addDays(monday, -7), addDays(monday, -1))],
    this_month: ["2026-11-01", today, FIXTURE_NOW, `${month("2026-11-01")} 2026${words.soFar}`],
    this_quarter: ["2026-10-01", today, FIXTURE_NOW, `${month("2026-10-01")} ${words.to} ${month(today)} 2026${words.soFar}`],
    this_year: ["2026-01-01", today, FIXTURE_NOW, `2026${words.soFar}`],
    last_30_days: [addDays(today, -29), today, FIXTURE_NOW, days(words.last30, addDays(today, -29), today)],
    last_90_days: [addDays(today, -89), today, FIXTURE_NOW, days(words.last90, addDays(today, -89), today)],
  };
  const [firstDay, lastDay, to, label] = ranges[kind];
  return { period: { kind, from: at(firstDay), to, label }, firstDay, lastDay };
}

function timeline(seed: ServiceSeed): DayBar[] {
  return dayList(addDays(FIXTURE_TODAY, -89), FIXTURE_TODAY).map((date) => {
    const event = EVENTS[seed.id]?.[date];
    return {
      date,
      state: event?.state ?? "up",
      down_seconds: event?.down_seconds ?? 0,
      degraded_seconds: event?.degraded_seconds ?? 0,
      maintenance_seconds: event?.maintenance_seconds ?? 0,
      no_data_seconds: event?.no_data_seconds ?? 0,
    };
  });
}

function serviceStats(seed: ServiceSeed, days: DayBar[], incidents: IncidentView[]): ServiceStats {
  const sum = (k: "down_seconds" | "degraded_seconds" | "maintenance_seconds" | "no_data_seconds") =>
    days.reduce((acc, d) => acc + d[k], 0);
  const down = sum("down_seconds");
  const maintenance = sum("maintenance_seconds");
  const noData = sum("no_data_seconds");
  const measured = days.length * DAY_S - maintenance - noData;
  return {
    name: seed.name,
    source: seed.source,
    uptime_ratio: measured > 0 ? (measured - down) / measured : null,
    downtime_seconds: down,
    degraded_seconds: sum("degraded_seconds"),
    maintenance_seconds: maintenance,
    no_data_seconds: noData,
    incidents: incidents.filter((i) => i.service_name === seed.name).length,
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function incidentStats(list: IncidentView[]): IncidentStats {
  const fixed = list.flatMap((i) => (i.seconds_to_resolve === null ? [] : [i.seconds_to_resolve]));
  return {
    total: list.length,
    resolved: fixed.length,
    open: list.length - fixed.length,
    median_seconds_to_resolve: median(fixed),
    longest_seconds_to_resolve: fixed.length ? Math.max(...fixed) : null,
    outside_working_hours: list.filter((i) => i.outside_working_hours).length,
  };
}

const SPAN_WORDS: Record<Lang, Record<PeriodKind, string>> = {
  en: {
    this_week: "this week",
    last_week: "last week",
    this_month: "this month",
    this_quarter: "these three months",
    this_year: "this year",
    last_30_days: "in the last 30 days",
    last_90_days: "in the last 90 days",
  },
  es: {
    this_week: "esta semana",
    last_week: "la semana pasada",
    this_month: "este mes",
    this_quarter: "estos tres meses",
    this_year: "este año",
    last_30_days: "en los últimos 30 días",
    last_90_days: "en los últimos 90 días",
  },
};

function term(lang: Lang, id: string): GlossaryEntry {
  const key = `glossary-${id}`;
  return {
    id,
    name: tIn(lang, key),
    definition: attrIn(lang, key, "definition"),
    explanation: attrIn(lang, key, "explain"),
    variants: attrIn(lang, key, "variants").split(", "),
    acronyms: [],
  };
}

/** A story shaped like the core's: a few sections, the big outage marked and explained. */
function story(
  kind: PeriodKind,
  lang: Lang,
  audience: Audience,
  ratio: number | null,
  downSeconds: number,
  incidents: IncidentView[],
  sinceMajor: number | null,
): Story {
  const span = SPAN_WORDS[lang][kind];
  const en = lang === "en";
  const headline =
    ratio === null
      ? en
        ? `We have no measurements ${span} yet`
        : `Aún no hay medidas ${span}`
      : en
        ? `Your team kept everything running ${formatUptime(ratio)} of the time ${span}`
        : `Tu equipo mantuvo todo en marcha el ${formatUptime(ratio)} del tiempo ${span}`;
  const sections: Story["sections"] = [];
  const text = (t: string): StoryPart => ({ kind: "text", text: t });
  sections.push({
    kind: "uptime",
    parts: [
      text(
        downSeconds === 0
          ? en
            ? "Not a single minute of trouble. Quiet like this takes work: updates went out and nobody noticed."
            : "Ni un minuto de fallos. Esta calma cuesta trabajo: salieron mejoras y nadie lo notó."
          : en
            ? `People could shop, pay and get their emails almost all the time. All the trouble together came to ${aboutDuration(downSeconds)}.`
            : `La gente pudo comprar, pagar y recibir sus correos casi siempre. Los fallos sumaron ${aboutDuration(downSeconds)}.`,
      ),
    ],
  });
  const fixed = incidents.filter((i) => i.resolved_at !== null);
  const night = fixed.filter((i) => i.outside_working_hours);
  sections.push({
    kind: "problems",
    parts: [
      text(
        incidents.length === 0
          ? en
            ? "Nothing broke. That is not luck: it is the work nobody sees."
            : "No se rompió nada. No es suerte: es el trabajo que nadie ve."
          : en
            ? `${incidents.length === 1 ? "One thing" : `${incidents.length} things`} went wrong and ${fixed.length} ${fixed.length === 1 ? "was" : "were"} fixed.` +
              (night.length > 0 ? ` ${night.map((i) => i.resolved_by).join(" and ")} fixed some while most people were asleep.` : "")
            : `Fallaron ${incidents.length} cosas y se arreglaron ${fixed.length}.` +
              (night.length > 0 ? ` ${night.map((i) => i.resolved_by).join(" y ")} arregló alguna mientras casi todos dormían.` : ""),
      ),
    ],
  });
  const terms: GlossaryEntry[] = [];
  if (sinceMajor !== null) {
    const outage = term(lang, "outage");
    terms.push(outage);
    const parts: StoryPart[] = en
      ? [text(`It has been ${sinceMajor} days since the last big `), { kind: "term", text: "outage", term: "outage" }, text(". ")]
      : [text(`Han pasado ${sinceMajor} días desde la última gran `), { kind: "term", text: "caída", term: "outage" }, text(". ")];
    if (audience === "family") parts.push({ kind: "explanation", text: outage.explanation, term: "outage" });
    sections.push({ kind: "since_outage", parts });
  }
  const paragraphs = sections.map((s) => s.parts.map((p) => p.text).join(""));
  return {
    lang,
    audience,
    title: span,
    headline,
    paragraphs,
    sections,
    terms,
    // The mock does not score its text; the core does for real stories.
    readability: {
      words: 0,
      sentences: 0,
      syllables: 0,
      characters: 0,
      longest_sentence_words: 0,
      flesch_kincaid_grade: 0,
      automated_readability_index: 0,
      flesch_reading_ease: 0,
      fernandez_huerta: 0,
    },
  };
}

/** The overview the backend would send for `kind`, with `thanks` as the current wall. */
export function buildOverview(
  kind: PeriodKind,
  thanks: readonly ThankYou[] = DEMO_THANKS,
  lang: Lang = "en",
  audience: Audience = "family",
): Overview {
  const { period, firstDay, lastDay } = range(kind, lang);
  const inPeriod = (iso: string) => Date.parse(iso) >= Date.parse(period.from) && Date.parse(iso) < Date.parse(period.to);
  const incidents = INCIDENTS.filter((i) => inPeriod(i.opened_at));
  const services: ServiceTimeline[] = [];
  const stats: ServiceStats[] = [];
  for (const seed of SERVICES) {
    const days = timeline(seed);
    const inside = days.filter((d) => d.date >= firstDay && d.date <= lastDay);
    const s = serviceStats(seed, inside, incidents);
    stats.push(s);
    services.push({ id: seed.id, name: seed.name, technical_name: seed.technical_name, uptime_ratio: s.uptime_ratio, days });
  }
  const measured = stats.reduce((a, s) => a + (s.uptime_ratio === null ? 0 : 1), 0);
  const overall = measured === 0 ? null : stats.reduce((a, s) => a + (s.uptime_ratio ?? 0), 0) / measured;
  const down = stats.reduce((a, s) => a + s.downtime_seconds, 0);
  const lastMajor = INCIDENTS.find((i) => i.severity === "major");
  const sinceMajor = lastMajor ? Math.floor((Date.parse(FIXTURE_NOW) - Date.parse(lastMajor.opened_at)) / (DAY_S * 1000)) : null;
  return {
    is_demo: true,
    lang,
    audience,
    team_name: lang === "en" ? "Demo team" : "Equipo de demostración",
    tz: "Europe/Madrid",
    working_hours: { start: "09:00", end: "18:00", days: [1, 2, 3, 4, 5] },
    period,
    overall_uptime_ratio: overall,
    story: story(kind, lang, audience, overall, down, incidents, sinceMajor),
    stats: {
      from: period.from,
      to: period.to,
      services: stats,
      incidents: incidentStats(incidents),
      days_since_major_incident: sinceMajor,
      thanks: thanks.filter((t) => inPeriod(t.created_at)).length,
    },
    services,
    incidents,
    thanks: thanks.slice(0, 50),
    people: [...PEOPLE],
    me: null,
    last_synced_at: null,
    sysadmin_day: false,
    welcomed: true,
    team: null,
  };
}
