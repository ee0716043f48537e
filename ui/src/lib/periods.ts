// The periods the picker offers, in the order people think of them.
import type { PeriodKind } from "./bindings";

export const PERIODS: readonly { kind: PeriodKind; label: string }[] = [
  { kind: "this_week", label: "This week" },
  { kind: "last_week", label: "Last week" },
  { kind: "this_month", label: "This month" },
  { kind: "last_30_days", label: "Last 30 days" },
  { kind: "last_90_days", label: "Last 90 days" },
];

export const DEFAULT_PERIOD: PeriodKind = "this_week";
