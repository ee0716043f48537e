// A realistic demo team for the mock build and the tests: six services, 90 days of bars
// with a few bad days, one planned maintenance, a gap with no data, incidents and thank-yous.
// Everything is computed from a fixed "now" so screenshots and tests are stable.
import type {
  DayBar,
  IncidentStats,
  IncidentView,
  Overview,
  Period,
  PeriodKind,
  ServiceStats,
  ServiceTimeline,
  Story,
  ThankYou,
} from "../lib/bindings";
import { aboutDuration, formatUptime } from "../lib/format";

/** Friday afternoon in Madrid. */
export const FIXTURE_NOW = "2026-11-27T16:30:00+01:00";
export const FIXTURE_TODAY = "2026-11-27";
const OFFSET = "+01:00";
const DAY_S = 86_400;

export const PEOPLE = ["Ana", "Ben", "Chloé", "Dev", "Marta"];

type ServiceSeed = { id: string; name: string; technical_name: string; source: string };

const SERVICES: ServiceSeed[] = [
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

const INCIDENTS: IncidentView[] = [
  {
    id: "inc-search-1127",
    title: "The search is slow for some people",
    service_name: "the search",
    severity: "minor",
    opened_at: `2026-11-27T10:05:00${OFFSET}`,
    resolved_at: null,
    resolved_by: null,
    seconds_to_resolve: null,
    outside_working_hours: false,
    summary: "Searching the shop takes a few seconds longer than usual; Dev is looking into it.",
  },
  {
    id: "inc-checkout-1124",
    title: "Some payments did not go through",
    service_name: "checkout",
    severity: "minor",
    opened_at: `2026-11-24T02:47:00${OFFSET}`,
    resolved_at: `2026-11-24T03:29:00${OFFSET}`,
    resolved_by: "Ana",
    seconds_to_resolve: 42 * 60,
    outside_working_hours: true,
    summary: "For 42 minutes in the night some people could not pay; Ana found a full disk and made room.",
  },
  {
    id: "inc-shop-1118",
    title: "Some product pages did not load",
    service_name: "the online shop",
    severity: "minor",
    opened_at: `2026-11-18T11:20:00${OFFSET}`,
    resolved_at: `2026-11-18T11:38:00${OFFSET}`,
    resolved_by: "Ben",
    seconds_to_resolve: 18 * 60,
    outside_working_hours: false,
    summary: "A few pages showed an error for 18 minutes after an update; Ben rolled the update back.",
  },
  {
    id: "inc-search-1105",
    title: "Search results were missing",
    service_name: "the search",
    severity: "minor",
    opened_at: `2026-11-05T14:02:00${OFFSET}`,
    resolved_at: `2026-11-05T14:32:00${OFFSET}`,
    resolved_by: "Dev",
    seconds_to_resolve: 30 * 60,
    outside_working_hours: false,
    summary: "Searches came back empty for half an hour; Dev rebuilt the search index.",
  },
  {
    id: "inc-mobile-1021",
    title: "Nobody could log in to the mobile app",
    service_name: "the mobile app",
    severity: "major",
    opened_at: `2026-10-21T19:40:00${OFFSET}`,
    resolved_at: `2026-10-21T21:15:00${OFFSET}`,
    resolved_by: "Chloé",
    seconds_to_resolve: 95 * 60,
    outside_working_hours: true,
    summary: "For about an hour and a half in the evening the app said the password was wrong; Chloé renewed an expired certificate.",
  },
  {
    id: "inc-shop-0903",
    title: "The shop was down for a short while",
    service_name: "the online shop",
    severity: "minor",
    opened_at: `2026-09-03T08:15:00${OFFSET}`,
    resolved_at: `2026-09-03T08:27:00${OFFSET}`,
    resolved_by: "Marta",
    seconds_to_resolve: 12 * 60,
    outside_working_hours: true,
    summary: "The shop did not open for 12 minutes early in the morning; Marta restarted a stuck server.",
  },
];

/** The demo wall, newest first. The first note keeps its line breaks on purpose. */
export const DEMO_THANKS: ThankYou[] = [
  {
    id: "thx-4",
    author: "Ben",
    recipients: ["Ana"],
    message: "Thank you for Tuesday night.\nYou fixed checkout before 3:30 in the morning and still came to stand-up with a smile.",
    incident_id: "inc-checkout-1124",
    created_at: `2026-11-24T09:12:00${OFFSET}`,
    is_demo: true,
  },
  {
    id: "thx-3",
    author: "Marta",
    recipients: ["Dev", "Chloé"],
    message: "The new search servers went in without a single complaint. That was weeks of careful work.",
    incident_id: null,
    created_at: `2026-11-20T17:40:00${OFFSET}`,
    is_demo: true,
  },
  {
    id: "thx-2",
    author: "Ana",
    recipients: ["Marta"],
    message: "Thanks for moving the email monitor. Nobody noticed, which is the whole point.",
    incident_id: null,
    created_at: `2026-10-12T10:03:00${OFFSET}`,
    is_demo: true,
  },
  {
    id: "thx-1",
    author: "Chloé",
    recipients: ["Ben", "Ana", "Dev"],
    message: "You all stayed late for the mobile login problem. I owe each of you a coffee.",
    incident_id: "inc-mobile-1021",
    created_at: `2026-10-22T09:30:00${OFFSET}`,
    is_demo: true,
  },
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

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function longDay(date: string): string {
  const [, m, d] = date.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]}`;
}

const at = (date: string) => `${date}T00:00:00${OFFSET}`;

type Range = { period: Period; firstDay: string; lastDay: string };

function range(kind: PeriodKind): Range {
  const today = FIXTURE_TODAY;
  const monday = "2026-11-23";
  const ranges: Record<PeriodKind, [string, string, string, string]> = {
    // [first day, last day, to, label]
    this_week: [monday, today, FIXTURE_NOW, `This week, ${longDay(monday)} to ${longDay(today)} 2026 (so far)`],
    last_week: [addDays(monday, -7), addDays(monday, -1), at(monday), `Last week, ${longDay(addDays(monday, -7))} to ${longDay(addDays(monday, -1))} 2026`],
    this_month: ["2026-11-01", today, FIXTURE_NOW, "November 2026 (so far)"],
    last_30_days: [addDays(today, -29), today, FIXTURE_NOW, `The last 30 days, ${longDay(addDays(today, -29))} to ${longDay(today)} 2026`],
    last_90_days: [addDays(today, -89), today, FIXTURE_NOW, `The last 90 days, ${longDay(addDays(today, -89))} to ${longDay(today)} 2026`],
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

const SPAN_WORDS: Record<PeriodKind, string> = {
  this_week: "this week",
  last_week: "last week",
  this_month: "this month",
  last_30_days: "in the last 30 days",
  last_90_days: "in the last 90 days",
};

function story(kind: PeriodKind, ratio: number | null, downSeconds: number, incidents: IncidentView[], sinceMajor: number | null): Story {
  const span = SPAN_WORDS[kind];
  const headline =
    ratio === null
      ? `We have no measurements ${span} yet`
      : `Your team kept everything running ${formatUptime(ratio)} of the time ${span}`;
  const paragraphs = [
    downSeconds === 0
      ? "Not a single minute of trouble. Quiet like this takes work: updates went out and nobody noticed."
      : `People could shop, pay and get their emails almost all the time. All the trouble together came to ${aboutDuration(downSeconds)}.`,
  ];
  const fixed = incidents.filter((i) => i.resolved_at !== null);
  const open = incidents.filter((i) => i.resolved_at === null);
  const night = fixed.filter((i) => i.outside_working_hours);
  if (incidents.length === 0) {
    paragraphs.push("Nothing broke. That is not luck: it is the work nobody sees.");
  } else {
    paragraphs.push(
      `${incidents.length === 1 ? "One thing" : `${incidents.length} things`} went wrong and ${fixed.length === incidents.length ? "every one was fixed" : `${fixed.length} ${fixed.length === 1 ? "was" : "were"} fixed`}.` +
        (night.length > 0 ? ` ${night.map((i) => i.resolved_by).join(" and ")} fixed ${night.length === 1 ? "one" : "some"} outside working hours, while most people were asleep or at home.` : ""),
    );
  }
  if (open.length > 0) paragraphs.push(`${open[0].title}. ${open[0].summary}`);
  if (sinceMajor !== null)
    paragraphs.push(`It has been ${sinceMajor} days since the last big outage (a time when something stopped working for everyone).`);
  return { headline, paragraphs };
}

/** The overview the backend would send for `kind`, with `thanks` as the current wall. */
export function buildOverview(kind: PeriodKind, thanks: readonly ThankYou[] = DEMO_THANKS): Overview {
  const { period, firstDay, lastDay } = range(kind);
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
    team_name: "Demo team",
    tz: "Europe/Madrid",
    period,
    overall_uptime_ratio: overall,
    story: story(kind, overall, down, incidents, sinceMajor),
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
  };
}
