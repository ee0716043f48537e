// What each daily bar means, in words, so colour is never the only signal.
import type { DayBar, DayState } from "./bindings";
import { formatDay, formatDuration } from "./format";
import { t } from "./i18n.svelte";

/** Legend order; the CSS gives each state a colour and a pattern. */
export const DAY_STATE_ORDER: readonly DayState[] = ["up", "degraded", "partial", "down", "maintenance", "no_data"];

/** Legend order and words in the current language. */
export function dayStates(): { state: DayState; label: string }[] {
  return DAY_STATE_ORDER.map((state) => ({ state, label: t(`ui-state-${state}`) }));
}

/** "12 Nov: down for 42 minutes", "3 Nov: working all day". */
export function dayLabel(day: DayBar): string {
  const when = formatDay(day.date);
  const seconds: Record<DayState, number> = {
    up: 0,
    degraded: day.degraded_seconds,
    partial: day.down_seconds,
    down: day.down_seconds,
    maintenance: day.maintenance_seconds,
    no_data: 0,
  };
  return t(`ui-day-${day.state}`, { day: when, duration: formatDuration(seconds[day.state]) });
}

/** "Working on 86 of 90 days · trouble on 3 · 1 with planned maintenance · 1 with no data". */
export function daysSummary(days: readonly DayBar[]): string {
  const n = (s: DayState[]) => days.filter((d) => s.includes(d.state)).length;
  const trouble = n(["degraded", "partial", "down"]);
  const planned = n(["maintenance"]);
  const noData = n(["no_data"]);
  const parts = [t("ui-days-working", { up: n(["up"]), total: days.length })];
  if (trouble > 0) parts.push(t("ui-days-trouble", { count: trouble }));
  if (planned > 0) parts.push(t("ui-days-planned", { count: planned }));
  if (noData > 0) parts.push(t("ui-days-no-data", { count: noData }));
  return parts.join(" · ");
}
