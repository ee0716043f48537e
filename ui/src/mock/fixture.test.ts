// The fixture is what the mock build and the UI tests show; keep it faithful to the contract.
import { describe, expect, test } from "vitest";
import type { PeriodKind } from "../lib/bindings";
import { PERIODS } from "../lib/periods";
import { buildOverview, FIXTURE_TODAY } from "./fixture";

describe.each(PERIODS.map((p) => p.kind))("the %s overview", (kind: PeriodKind) => {
  const o = buildOverview(kind);

  test("has six services with 90 days each, oldest first, ending today", () => {
    expect(o.services).toHaveLength(6);
    for (const s of o.services) {
      expect(s.days).toHaveLength(90);
      expect(s.days[89].date).toBe(FIXTURE_TODAY);
      const dates = s.days.map((d) => d.date);
      expect([...dates].sort()).toEqual(dates);
    }
  });

  test("lists incidents opened in the period, newest first", () => {
    const from = Date.parse(o.period.from);
    const to = Date.parse(o.period.to);
    const opened = o.incidents.map((i) => Date.parse(i.opened_at));
    for (const t of opened) expect(t >= from && t < to).toBe(true);
    expect([...opened].sort((a, b) => b - a)).toEqual(opened);
    expect(o.stats.incidents.total).toBe(o.incidents.length);
  });

  test("tells a story and has a team", () => {
    expect(o.is_demo).toBe(true);
    expect(o.story.headline.length).toBeGreaterThan(10);
    expect(o.story.paragraphs.length).toBeGreaterThan(0);
    expect(o.people.length).toBeGreaterThan(0);
    expect(o.period.kind).toBe(kind);
  });
});

test("the bars show every state somewhere, and the week has an open incident", () => {
  const o = buildOverview("this_week");
  const states = new Set(o.services.flatMap((s) => s.days.map((d) => d.state)));
  expect([...states].sort()).toEqual(["degraded", "down", "maintenance", "no_data", "partial", "up"]);
  expect(o.incidents.some((i) => i.resolved_at === null)).toBe(true);
  expect(o.incidents.some((i) => i.outside_working_hours)).toBe(true);
});

test("periods differ", () => {
  const labels = new Set(PERIODS.map((p) => buildOverview(p.kind).period.label));
  const headlines = new Set(PERIODS.map((p) => buildOverview(p.kind).story.headline));
  expect(labels.size).toBe(PERIODS.length);
  expect(headlines.size).toBeGreaterThan(1);
});
