import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import { buildOverview } from "../mock/fixture";
import type { PeriodKind } from "./bindings";
import { words } from "./i18n.svelte";
import { OverviewState, askEarly } from "./overview.svelte";
import { startupMarks } from "./startup";

function countingBackend(): { asked: string[] } {
  const seen = { asked: [] as string[] };
  mockIPC((cmd, args) => {
    if (cmd !== "get_overview") return null;
    const { period } = args as { period: PeriodKind };
    seen.asked.push(period);
    return buildOverview(period);
  });
  return seen;
}

describe("the first overview, asked for while the page is built", () => {
  test("is the answer the first load takes, without asking again", async () => {
    const backend = countingBackend();
    askEarly("this_week");
    const state = new OverviewState();
    await state.load("this_week");
    expect(backend.asked).toEqual(["this_week"]);
    expect(state.data?.period.kind).toBe("this_week");
    // Later loads ask the backend as usual.
    await state.load("this_week");
    expect(backend.asked).toEqual(["this_week", "this_week"]);
  });

  test("is not used for another period or language", async () => {
    const backend = countingBackend();
    askEarly("this_week");
    words.setLang("es");
    try {
      const state = new OverviewState();
      await state.load("this_week");
      expect(backend.asked).toEqual(["this_week", "this_week"]);
      askEarly("this_week");
      await state.load("last_week");
      expect(backend.asked).toEqual(["this_week", "this_week", "this_week", "last_week"]);
    } finally {
      words.setLang("en");
    }
  });

  test("notes when it was asked and answered, for the start-up breakdown", async () => {
    countingBackend();
    askEarly("this_week");
    await new OverviewState().load("this_week");
    const names = startupMarks().map(([name]) => name);
    expect(names.slice(0, 1)).toEqual(["navigation"]);
    expect(names).toContain("asked");
    expect(names).toContain("answered");
    const times = startupMarks().map(([, at]) => at);
    expect(times.every((at, k) => k === 0 || at >= times[k - 1])).toBe(true);
  });
});
