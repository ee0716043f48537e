// Plain-words formatting for numbers, durations and dates, in the chosen language (the words
// come from the Fluent files; dates and numbers from Intl in the language's locale).
import { t, words } from "./i18n.svelte";

/**
 * One Intl formatter per locale and options, made once: WebKit takes a noticeable time to
 * make each (it loads ICU data), and the first page formats dozens of dates and numbers.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(
  kind: string,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${words.locale}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter as T;
}

export function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached("number", options, () => new Intl.NumberFormat(words.locale, options));
}

export function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached("date", options, () => new Intl.DateTimeFormat(words.locale, options));
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration in plain, exact-enough words: "42 minutes", "1 hour 5 minutes", "2 days 3 hours".
 * Used where the reader wants the figure (how long an incident lasted, a bar's label).
 */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s === 0) return t("ui-zero-minutes");
  if (s < MINUTE) return t("ui-under-minute");
  if (s < HOUR) return t("ui-minutes", { n: Math.round(s / MINUTE) });
  if (s < DAY) {
    const total = Math.round(s / MINUTE);
    const h = Math.floor(total / 60);
    const m = total % 60;
    if (h === 24) return t("ui-days", { n: 1 });
    return m === 0 ? t("ui-hours", { n: h }) : `${t("ui-hours", { n: h })} ${t("ui-minutes", { n: m })}`;
  }
  const totalHours = Math.round(s / HOUR);
  const d = Math.floor(totalHours / 24);
  const h = totalHours % 24;
  return h === 0 ? t("ui-days", { n: d }) : `${t("ui-days", { n: d })} ${t("ui-hours", { n: h })}`;
}

/**
 * A duration the way you would say it to a friend: "about 3 minutes", "about 2 hours".
 * Used in sentences, where a round figure reads better than a precise one.
 */
export function aboutDuration(seconds: number): string {
  const s = Math.max(0, seconds);
  if (s === 0) return t("ui-about-none");
  if (s < MINUTE) return t("ui-under-minute");
  if (s < HOUR) return t("ui-about-minutes", { n: Math.max(1, Math.round(s / MINUTE)) });
  if (s < DAY) {
    const h = Math.round(s / HOUR);
    if (h >= 24) return t("ui-about-days", { n: 1 });
    return t("ui-about-hours", { n: h });
  }
  return t("ui-about-days", { n: Math.round(s / DAY) });
}

/**
 * A ratio (0..1) as a percentage that never rounds trouble away: it is cut, not rounded,
 * so 0.999996 shows "99.999%", never "100%". Exactly 1 shows "100%".
 * Shows at least `minDecimals` and at most `maxDecimals` decimals (trailing zeros trimmed
 * down to the minimum). `null` (no data) shows "no data".
 */
export function formatPercent(ratio: number | null, maxDecimals = 2, minDecimals = Math.min(2, maxDecimals)): string {
  if (ratio === null || !Number.isFinite(ratio)) return t("ui-no-data");
  const clamped = Math.min(1, Math.max(0, ratio));
  if (clamped === 1) return t("ui-percent", { value: "100" });
  const scale = 10 ** maxDecimals;
  // The tiny epsilon keeps binary fractions (0.9997 * 1e5 = 99969.99999…) from losing a digit.
  const cut = Math.floor(clamped * 100 * scale + 1e-6) / scale;
  let text = cut.toFixed(maxDecimals);
  while (text.includes(".") && text.split(".")[1].length > minDecimals && text.endsWith("0")) {
    text = text.slice(0, -1);
  }
  if (text.endsWith(".")) text = text.slice(0, -1);
  const digits = text.includes(".") ? text.split(".")[1].length : 0;
  const value = numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(text));
  return t("ui-percent", { value });
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
  return t("ui-days", { n: Math.max(1, Math.round(secondsBetween(from, to) / DAY)) });
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
  if (ratio === null) return t("ui-trouble-unknown");
  const end = Math.min(Date.parse(to), now.getTime());
  const endIso = Number.isNaN(end) ? to : new Date(end).toISOString();
  const days = periodDays(from, endIso);
  if (ratio >= 1 || downSeconds === 0) return t("ui-trouble-none", { days });
  if (downSeconds !== null) return t("ui-trouble-total", { duration: aboutDuration(downSeconds), days });
  const trouble = (1 - ratio) * secondsBetween(from, endIso);
  return t("ui-trouble-ratio", { duration: aboutDuration(trouble), days });
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
  return dateFormat({ day: "numeric", month: "short" }).format(d);
}

/** "Wed 12 Nov, 03:14" in the reader's own time zone. */
export function formatDateTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat({
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone,
  }).format(d);
}

/** "Tue 24 Nov" ("mar, 24 nov" in Spanish) in the reader's own time zone. */
export function formatWeekday(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat({ weekday: "short", day: "numeric", month: "short", timeZone }).format(d);
}

/** "Mon 23 – Sun 29 Nov 2026" for a period whose end `to` is exclusive (its last day shown). */
export function formatDays(from: string, to: string, timeZone?: string): string {
  const start = new Date(from);
  const end = new Date(new Date(to).getTime() - 1);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end < start) return `${from} – ${to}`;
  return dateFormat({ weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone }).formatRange(start, end);
}

/** "12 Nov 2026" in the reader's own time zone. */
export function formatDate(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat({ day: "numeric", month: "short", year: "numeric", timeZone }).format(d);
}

/** True when an instant falls between 22:00 and 06:00 in the reader's time zone. */
export function isNight(iso: string): boolean {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return false;
  const h = d.getHours();
  return h >= 22 || h < 6;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chloé"; "Ana, Ben y Chloé" in Spanish. */
export function joinNames(names: readonly string[]): string {
  const options: Intl.ListFormatOptions = { style: "long", type: "conjunction" };
  return cached("list", options, () => new Intl.ListFormat(words.locale, options)).format(names);
}
