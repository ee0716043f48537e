// The window words every error code, detail and sync problem itself, in every language,
// and never names a command-line flag: flags are the `unsung` command's words.
import { describe, expect, test } from "vitest";
import enUi from "../../../assets/locales/en/ui.ftl?raw";
import esUi from "../../../assets/locales/es/ui.ftl?raw";
import { toAppError } from "./api";
import type { ErrorDetail, SourceSetting } from "./bindings";
import { detailText, ERROR_CODES, errorText, SYNC_PROBLEMS, syncProblemText } from "./errors";
import { LANGS, words } from "./i18n.svelte";

/** One of each detail the backend sends (the type makes a missing reason a compile error below). */
const DETAILS: Record<ErrorDetail["reason"], ErrorDetail> = {
  setting_needed: { reason: "setting_needed", kind: "prometheus", setting: "query" },
  token_needed: { reason: "token_needed", kind: "pagerduty" },
  token_not_taken: { reason: "token_not_taken", kind: "statuspage" },
  no_token_set: { reason: "no_token_set", source: "pd" },
  no_settings: { reason: "no_settings", source: "old" },
  no_such_source: { reason: "no_such_source", source: "gone" },
  local_db_is_postgres: { reason: "local_db_is_postgres" },
  team_db_set_at_start: { reason: "team_db_set_at_start" },
  no_home_folder: { reason: "no_home_folder" },
};

/** Worded: a real sentence, not a message id, and no flag or environment variable. */
function expectWorded(text: string): void {
  expect(text).not.toMatch(/^ui-/);
  expect(text.length).toBeGreaterThan(15);
  expect(text).not.toContain("--");
  expect(text).not.toContain("UNSUNG_");
  expect(text).not.toContain("{");
}

describe.each(LANGS)("in %s", (lang) => {
  test("every code has the window's own words", () => {
    words.setLang(lang);
    for (const code of ERROR_CODES) expectWorded(errorText({ code, message: lang === "en" ? "" : "English text", detail: null }));
  });

  test("every detail is worded with its facts", () => {
    words.setLang(lang);
    for (const detail of Object.values(DETAILS)) {
      const text = detailText(detail);
      expectWorded(text);
      if ("source" in detail) expect(text).toContain(detail.source);
      if ("kind" in detail) expect(text).toContain(detail.kind);
    }
  });

  test("every reason a sync fails for is worded", () => {
    words.setLang(lang);
    for (const problem of SYNC_PROBLEMS) expectWorded(syncProblemText(problem));
  });
});

describe("an error from the backend", () => {
  test("a detail is shown in the window's words, not the backend's message", () => {
    const setting = { code: "invalid_input", message: "A statuspage source needs its web address", detail: { reason: "setting_needed", kind: "statuspage", setting: "url" } };
    expect(toAppError(setting).message).toBe("A statuspage source needs its web address.");
    expect(toAppError(setting).code).toBe("invalid_input");
    words.setLang("es");
    expect(toAppError(setting).message).toBe("Una fuente statuspage necesita su dirección web.");
  });

  test("every setting a source may need has its own words in both languages", () => {
    const needs = (setting: SourceSetting) =>
      toAppError({ code: "invalid_input", message: "", detail: { reason: "setting_needed", kind: "github", setting } }).message;
    const all: SourceSetting[] = ["url", "file", "slug", "query", "repos"];
    for (const lang of ["en", "es"] as const) {
      words.setLang(lang);
      expect(new Set(all.map(needs)).size, lang).toBe(all.length);
    }
    words.setLang("en");
    expect(needs("repos")).toBe("A github source needs at least one repository, written owner/name.");
    words.setLang("es");
    expect(needs("repos")).toBe("Una fuente github necesita al menos un repositorio, escrito propietario/nombre.");
  });

  test("without a detail: the plain message in English, the code's words in Spanish", () => {
    const locked = { code: "storage", message: "The database is locked.", detail: null };
    expect(toAppError(locked).message).toBe("The database is locked.");
    words.setLang("es");
    expect(toAppError(locked).message).toBe(
      "Unsung no pudo leer ni escribir su base de datos. Vuelve a intentarlo; si sigue pasando, reinicia Unsung.",
    );
  });
});

test("no message of the window names a command-line flag", () => {
  for (const [lang, file] of [["en", enUi], ["es", esUi]]) {
    const flags = file.split("\n").filter((line) => !line.startsWith("#") && /(^|[\s(])--[a-z]/.test(line));
    expect(flags, lang).toEqual([]);
  }
});
