// The UI reads the same Fluent files as the core: both languages must say the same things, and
// the formatting helpers must speak the chosen language.
import { afterEach, describe, expect, test } from "vitest";
import { dayLabel, daysSummary } from "./days";
import { aboutDuration, formatDuration, formatPercent, joinNames, periodDays } from "./format";
import { glossary, messageIds, t, words } from "./i18n.svelte";

afterEach(() => words.setLang("en"));

describe("the locale files", () => {
  test("English and Spanish have the same messages, apart from the everyday comparisons", () => {
    const shared = (id: string) => !id.startsWith("everyday-");
    expect(messageIds("es").filter(shared)).toEqual(messageIds("en").filter(shared));
  });

  test("every ui message the components ask for exists", async () => {
    const sources = import.meta.glob("./**/*.{svelte,ts}", { query: "?raw", import: "default", eager: true });
    const used = new Set<string>();
    for (const source of Object.values(sources) as string[]) {
      for (const match of source.matchAll(/t\("((?:ui|counted)-[a-z0-9_-]+)"/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const lang of ["en", "es"] as const) {
      const ids = new Set(messageIds(lang));
      for (const id of used) expect(ids.has(id), `${lang}: ${id}`).toBe(true);
    }
  });

  test("the glossary has twenty terms in both languages, each with a definition", () => {
    for (const lang of ["en", "es"] as const) {
      words.setLang(lang);
      const terms = glossary();
      expect(terms).toHaveLength(20);
      for (const term of terms) expect(term.definition).toMatch(/\.$/);
    }
  });
});

describe("Spanish", () => {
  test("numbers, durations, lists and days read as Spanish", () => {
    words.setLang("es");
    expect(formatPercent(0.9997)).toBe("99,97\u00a0%");
    expect(formatPercent(null)).toBe("sin datos");
    expect(aboutDuration(42 * 60)).toBe("unos 42 minutos");
    expect(formatDuration(3900)).toBe("1 hora 5 minutos");
    expect(periodDays("2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z")).toBe("7 días");
    expect(joinNames(["Ana", "Ben", "Chloé"])).toBe("Ana, Ben y Chloé");
    const day = { date: "2026-11-12", state: "down" as const, down_seconds: 42 * 60, degraded_seconds: 0, maintenance_seconds: 0, no_data_seconds: 0 };
    expect(dayLabel(day)).toBe("12 nov: caído durante 42 minutos");
    expect(daysSummary([day])).toBe("Funcionó 0 de 1 días · fallos en 1");
    expect(t("ui-fact-problems", { count: 1 })).toBe("1 problema");
    expect(t("ui-fact-problems", { count: 3 })).toBe("3 problemas");
  });
});
