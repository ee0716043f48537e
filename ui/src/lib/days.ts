// What each daily bar means, in words, so colour is never the only signal.
import type { DayBar, DayState } from "./bindings";
import { formatDay, formatDuration } from "./format";

/** Legend order and words; the CSS gives each state a colour and a pattern. */
export const DAY_STATES: readonly { state: DayState; label: string }[] = [
  { state: "up", label: "Working" },
  { state: "degraded", label: "Slow" },
  { state: "partial", label: "Partly down" },
  { state: "down", label: "Down" },
  { state: "maintenance", label: "Planned maintenance" },
  { state: "no_data", label: "No data" },
];

/** "12 Nov: down for 42 minutes", "3 Nov: working all day". */
export function dayLabel(day: DayBar): string {
  const when = formatDay(day.date);
  switch (day.state) {
    case "up":
      return `${when}: working all day`;
    case "degraded":
      return `${when}: slow for ${formatDuration(day.degraded_seconds)}`;
    case "partial":
      return `${when}: partly down for ${formatDuration(day.down_seconds)}`;
    case "down":
      return `${when}: down for ${formatDuration(day.down_seconds)}`;
    case "maintenance":
      return `${when}: planned maintenance for ${formatDuration(day.maintenance_seconds)}`;
    case "no_data":
      return `${when}: no data`;
  }
}

/** "Working on 86 of 90 days · trouble on 3 · 1 planned maintenance · 1 with no data". */
export function daysSummary(days: readonly DayBar[]): string {
  const n = (s: DayState[]) => days.filter((d) => s.includes(d.state)).length;
  const up = n(["up"]);
  const trouble = n(["degraded", "partial", "down"]);
  const planned = n(["maintenance"]);
  const noData = n(["no_data"]);
  const parts = [`Working on ${up} of ${days.length} days`];
  if (trouble > 0) parts.push(`trouble on ${trouble}`);
  if (planned > 0) parts.push(`${planned} with planned maintenance`);
  if (noData > 0) parts.push(`${noData} with no data`);
  return parts.join(" · ");
}
