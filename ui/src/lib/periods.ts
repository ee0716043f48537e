// The periods the picker offers, in the order people think of them. Their names are in the
// locale files (ui-period-<kind>).
import type { PeriodKind } from "./bindings";

export const PERIODS: readonly { kind: PeriodKind }[] = [
  { kind: "this_week" },
  { kind: "last_week" },
  { kind: "this_month" },
  { kind: "this_quarter" },
  { kind: "this_year" },
  { kind: "last_30_days" },
  { kind: "last_90_days" },
];

export const DEFAULT_PERIOD: PeriodKind = "this_week";
