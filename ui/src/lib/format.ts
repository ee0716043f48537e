// Plain-words formatting for numbers, durations and dates. Pure functions, no Svelte.

/** The UI is written in English for now; dates follow British order ("12 Nov"). */
export const LOCALE = "en-GB";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A duration in plain, exact-enough words: "42 minutes", "1 hour 5 minutes", "2 days 3 hours".
 * Used where the reader wants the figure (how long an incident lasted, a bar's label).
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s === 0) return "0 minutes";
  if (s < MINUTE) return "less than a minute";
  if (s < HOUR) return plural(Math.round(s / MINUTE), "minute");
  if (s < DAY) {
    const total = Math.round(s / MINUTE);
    const h = Math.floor(total / 60);
    const m = total % 60;
    if (h === 24) return "1 day";
    return m === 0 ? plural(h, "hour") : `${plural(h, "hour")} ${plural(m, "minute")}`;
  }
  const totalHours = Math.round(s / HOUR);
  const d = Math.floor(totalHours / 24);
  const h = totalHours % 24;
  return h === 0 ? plural(d, "day") : `${plural(d, "day")} ${plural(h, "hour")}`;
}

/**
 * A duration the way you would say it to a friend: "about 3 minutes", "about 2 hours".
 * Used in sentences, where a round figure reads better than a precise one.
 */
export function aboutDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s === 0) return "no time at all";
  if (s < MINUTE) return "less than a minute";
  if (s < HOUR) return `about ${plural(Math.max(1, Math.round(s / MINUTE)), "minute")}`;
  if (s < DAY) {
    const h = Math.round(s / HOUR);
    if (h >= 24) return "about a day";
    return h === 1 ? "about an hour" : `about ${h} hours`;
  }
  const d = Math.round(s / DAY);
  return d === 1 ? "about a day" : `about ${d} days`;
}

/**
 * A ratio (0..1) as a percentage that never rounds trouble away: it is cut, not rounded,
 * so 0.999996 shows "99.999%", never "100%". Exactly 1 shows "100%".
 * Shows at least `minDecimals` and at most `maxDecimals` decimals (trailing zeros trimmed
 * down to the minimum). `null` (no data) shows "no data".
 */
export function formatPercent(ratio: number | null, maxDecimals = 2, minDecimals = Math.min(2, maxDecimals)): string {
  if (ratio === null || !Number.isFinite(ratio)) return "no data";
  const clamped = Math.min(1, Math.max(0, ratio));
  if (clamped === 1) return "100%";
  const scale = 10 ** maxDecimals;
  // The tiny epsilon keeps binary fractions (0.9997 * 1e5 = 99969.99999…) from losing a digit.
  const cut = Math.floor(clamped * 100 * scale + 1e-6) / scale;
  let text = cut.toFixed(maxDecimals);
  while (text.includes(".") && text.split(".")[1].length > minDecimals && text.endsWith("0")) {
    text = text.slice(0, -1);
  }
  if (text.endsWith(".")) text = text.slice(0, -1);
  return `${text}%`;
}

/** Overall uptime: three decimals when it takes three to show the nines, else two. */
export function formatUptime(ratio: number | null): string {
  return formatPercent(ratio, 3, 2);
}

/** Seconds between two RFC 3339 instants (0 if either is unreadable or the order is reversed). */
export function secondsBetween(from: string, to: string): number {
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b) || b < a) return 0;
  return (b - a) / 1000;
}

/** "7 days", "1 day", "30 days": the length of a period, rounded to whole days (at least 1). */
export function periodDays(from: string, to: string): string {
  return plural(Math.max(1, Math.round(secondsBetween(from, to) / DAY)), "day");
}

/**
 * What an uptime figure means in time.
 * With `downSeconds` (all the down time of all services, added together):
 *   "All the trouble added together comes to about 42 minutes in 5 days."
 * Without it, from the ratio alone: "That is about 3 minutes of trouble in 7 days."
 * `now` caps a period that has not ended yet (this week, this month).
 */
export function troubleSentence(
  ratio: number | null,
  from: string,
  to: string,
  now: Date = new Date(),
  downSeconds: number | null = null,
): string {
  if (ratio === null) return "We have no measurements for this period yet.";
  const end = Math.min(Date.parse(to), now.getTime());
  const endIso = Number.isNaN(end) ? to : new Date(end).toISOString();
  const days = periodDays(from, endIso);
  if (ratio >= 1 || downSeconds === 0) return `Not a single minute of trouble in ${days}.`;
  if (downSeconds !== null) return `All the trouble added together comes to ${aboutDuration(downSeconds)} in ${days}.`;
  const trouble = (1 - ratio) * secondsBetween(from, endIso);
  return `That is ${aboutDuration(trouble)} of trouble in ${days}.`;
}

/** Parses "YYYY-MM-DD" as a calendar day (no time zone shift). */
function calendarDay(date: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** "12 Nov" for a "YYYY-MM-DD" day. */
export function formatDay(date: string): string {
  const d = calendarDay(date);
  if (!d) return date;
  return new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short" }).format(d);
}

/** "Wed 12 Nov, 03:14" in the reader's own time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone,
  }).format(d);
}

/** "12 Nov 2026" in the reader's own time zone. */
export function formatDate(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE, { day: "numeric", month: "short", year: "numeric", timeZone }).format(d);
}

/** True when an instant falls between 22:00 and 06:00 in the reader's time zone. */
export function isNight(iso: string): boolean {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return false;
  const h = d.getHours();
  return h >= 22 || h < 6;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chloé". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "1 problem", "3 problems". */
export function count(n: number, one: string, many?: string): string {
  return plural(n, one, many);
}
