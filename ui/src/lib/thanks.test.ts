import { afterEach, describe, expect, test } from "vitest";
import { noteView } from "../mock/fixture";
import { words } from "./i18n.svelte";
import { aboutLine } from "./thanks.svelte";

afterEach(() => words.setLang("en"));

const note = (about: Partial<Parameters<typeof noteView>[0]>) =>
  noteView({ id: "n", author: "Ana", recipients: ["Ben"], message: "Thanks", created_at: "2026-11-27T10:00:00Z", ...about });

describe("what a note thanks for, in the reader's language", () => {
  test("an incident: its title and the day it began, with the day and month in that language", () => {
    const incident = note({ incident_id: "inc-checkout-1124" });
    words.setLang("en");
    expect(aboutLine(incident)).toMatch(/^Some payments did not go through, Tue,? 24 Nov$/);
    words.setLang("es");
    expect(aboutLine(incident)).toMatch(/^Some payments did not go through, mar,? 24 nov$/);
  });

  test("a period: its first and last day (the end is exclusive), in that language", () => {
    const week = note({ period_from: "2026-11-23T00:00:00Z", period_to: "2026-11-30T00:00:00Z" });
    words.setLang("es");
    const spanish = aboutLine(week) ?? "";
    expect(spanish).toContain("23");
    expect(spanish).toContain("29");
    expect(spanish).toContain("nov");
    expect(spanish).not.toMatch(/Mon|Sun|Nov/);
    words.setLang("en");
    expect(aboutLine(week)?.replace(/\s+/g, " ")).toMatch(/^Mon,? 23( Nov)? – Sun,? 29 Nov 2026$/);
  });

  test("nothing in particular, or an incident this machine does not keep: no line", () => {
    expect(aboutLine(note({}))).toBeNull();
    expect(aboutLine(note({ incident_id: "gone" }))).toBeNull();
  });
});
