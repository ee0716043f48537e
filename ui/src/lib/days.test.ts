import { describe, expect, test } from "vitest";
import type { DayBar } from "./bindings";
import { dayLabel, daysSummary, dayStates } from "./days";

const day = (over: Partial<DayBar>): DayBar => ({
  date: "2026-11-12",
  state: "up",
  down_seconds: 0,
  degraded_seconds: 0,
  maintenance_seconds: 0,
  no_data_seconds: 0,
  ...over,
});

describe("every bar says what happened in words", () => {
  test.each([
    [day({}), "12 Nov: working all day"],
    [day({ state: "down", down_seconds: 42 * 60 }), "12 Nov: down for 42 minutes"],
    [day({ state: "partial", down_seconds: 18 * 60 }), "12 Nov: partly down for 18 minutes"],
    [day({ state: "degraded", degraded_seconds: 3900 }), "12 Nov: slow for 1 hour 5 minutes"],
    [day({ state: "maintenance", maintenance_seconds: 7200 }), "12 Nov: planned maintenance for 2 hours"],
    [day({ state: "no_data", no_data_seconds: 86_400 }), "12 Nov: no data"],
  ])("%j", (bar, label) => {
    expect(dayLabel(bar)).toBe(label);
  });

  test("the legend names all six states", () => {
    expect(dayStates().map((s) => s.state).sort()).toEqual(
      ["degraded", "down", "maintenance", "no_data", "partial", "up"],
    );
  });

  test("summary counts the days", () => {
    const days = [
      ...Array.from({ length: 85 }, () => day({})),
      day({ state: "down" }),
      day({ state: "partial" }),
      day({ state: "maintenance" }),
      day({ state: "no_data" }),
      day({ state: "no_data" }),
    ];
    expect(daysSummary(days)).toBe(
      "Working on 85 of 90 days · trouble on 2 · 1 with planned maintenance · 2 with no data",
    );
    expect(daysSummary([day({})])).toBe("Working on 1 of 1 days");
  });
});
