// Which fields each kind of source asks for, what the form sends, and how a source is described.
import { describe, expect, test } from "vitest";
import type { SourceView } from "./bindings";
import { messageIds, t, words } from "./i18n.svelte";
import {
  badRepo,
  emptyForm,
  FIELDS,
  missingFields,
  NO_SETTINGS,
  SOURCE_KINDS,
  sourceAddress,
  splitRepos,
  toNewSource,
  tokenText,
} from "./sources.svelte";

const view = (patch: Partial<SourceView>): SourceView => ({
  name: "pd",
  kind: "pagerduty",
  ...NO_SETTINGS,
  takes_token: true,
  token_set: false,
  token_home: null,
  services: 0,
  incidents: 0,
  last_attempt_at: null,
  last_success_at: null,
  last_error: null,
  last_requests: 0,
  ...patch,
});

describe("fields per kind", () => {
  test("each kind asks for what its connector needs", () => {
    const shape = (kind: (typeof SOURCE_KINDS)[number]) =>
      FIELDS[kind].map((r) => `${r.field}${r.required ? "" : "?"}`);
    expect(shape("pagerduty")).toEqual(["token", "url?"]);
    expect(shape("statuspage")).toEqual(["url"]);
    expect(shape("uptime-kuma")).toEqual(["url", "slug"]);
    expect(shape("prometheus")).toEqual(["url", "query", "service_label?", "token?"]);
    expect(shape("csv")).toEqual(["file"]);
    expect(shape("incident-io")).toEqual(["token", "url?"]);
    expect(shape("better-stack")).toEqual(["token", "url?"]);
    expect(shape("uptimerobot")).toEqual(["token", "url?"]);
    expect(shape("grafana-oncall")).toEqual(["url", "stack_url?", "token"]);
    expect(shape("gatus")).toEqual(["url"]);
    expect(shape("github")).toEqual(["token", "repos", "url?"]);
  });

  test("an optional address shows the public API it stands in for", () => {
    words.setLang("en");
    const url = (kind: (typeof SOURCE_KINDS)[number]) => FIELDS[kind].find((r) => r.field === "url")!;
    for (const [kind, api] of [
      ["incident-io", "https://api.incident.io"],
      ["better-stack", "https://uptime.betterstack.com"],
      ["uptimerobot", "https://api.uptimerobot.com"],
      ["github", "https://api.github.com"],
    ] as const) {
      expect(url(kind).placeholder).toBe(api);
      expect(t(url(kind).hint)).toContain(api);
    }
    expect(FIELDS.github.find((r) => r.field === "repos")?.multiline).toBe(true);
  });

  test("every label, hint and kind has words in both languages", () => {
    for (const lang of ["en", "es"] as const) {
      const ids = new Set(messageIds(lang));
      for (const kind of SOURCE_KINDS) {
        expect(ids.has(`ui-source-kind-${kind}`), `${lang} kind ${kind}`).toBe(true);
        expect(ids.has(`ui-source-about-${kind}`), `${lang} about ${kind}`).toBe(true);
        for (const rule of FIELDS[kind]) {
          expect(ids.has(rule.label), `${lang}: ${rule.label}`).toBe(true);
          if (rule.hint) expect(ids.has(rule.hint), `${lang}: ${rule.hint}`).toBe(true);
        }
      }
    }
  });
});

describe("the form", () => {
  test("says which required fields are still empty", () => {
    expect(missingFields(emptyForm("pagerduty"))).toEqual(["token"]);
    expect(missingFields(emptyForm("uptime-kuma"))).toEqual(["url", "slug"]);
    expect(missingFields({ ...emptyForm("prometheus"), url: "http://p:9090", query: "  " })).toEqual(["query"]);
    expect(missingFields({ ...emptyForm("csv"), file: "/tmp/a.csv" })).toEqual([]);
    expect(missingFields(emptyForm("gatus"))).toEqual(["url"]);
    expect(missingFields(emptyForm("grafana-oncall"))).toEqual(["url", "token"]);
    expect(missingFields({ ...emptyForm("github"), token: "t", repos: " ,\n , " })).toEqual(["repos"]);
    expect(missingFields({ ...emptyForm("uptimerobot"), token: "t" })).toEqual([]);
  });

  test("GitHub's repositories are one per line or separated by commas", () => {
    expect(splitRepos(" octo-org/web\nocto-org/api, octo-org/docs ,\n\n")).toEqual([
      "octo-org/web",
      "octo-org/api",
      "octo-org/docs",
    ]);
    expect(badRepo("octo-org/web\nhttps://github.com/octo-org/api.git")).toBeNull();
    expect(badRepo("octo-org/web, octo-org")).toBe("octo-org");
    expect(badRepo("../web")).toBe("../web");
    expect(badRepo("octo org/web")).toBe("octo org/web");
  });

  test("a source that already has a token is not asked for it again", () => {
    const form = { ...emptyForm("pagerduty"), name: "pd" };
    expect(missingFields(form, [view({ token_set: true })])).toEqual([]);
    expect(missingFields(form, [view({ token_set: false })])).toEqual(["token"]);
    const github = { ...emptyForm("github"), name: "gh", repos: "octo-org/web" };
    expect(missingFields(github, [view({ name: "gh", kind: "github", token_set: true })])).toEqual([]);
  });

  test("sends only the chosen kind's fields, trimmed, and names the source after its kind when left empty", () => {
    const form = { ...emptyForm("statuspage"), url: " https://status.example.com ", token: "left over", slug: "x", file: "/f" };
    const unset = { query: null, service_label: null, slug: null, file: null, stack_url: null, repos: [], token: null };
    expect(toNewSource(form)).toEqual({ name: "statuspage", kind: "statuspage", url: "https://status.example.com", ...unset });
    const prometheus = { ...emptyForm("prometheus"), name: " prom ", url: "http://p:9090", query: "up", service_label: "", token: "t0k" };
    expect(toNewSource(prometheus)).toMatchObject({ name: "prom", query: "up", service_label: null, token: "t0k" });
  });

  test("GitHub sends its repositories as a list; Grafana OnCall its stack", () => {
    const github = { ...emptyForm("github"), token: "t", repos: "octo-org/web\n octo-org/api ,", stack_url: "https://x.grafana.net" };
    expect(toNewSource(github)).toMatchObject({
      kind: "github",
      repos: ["octo-org/web", "octo-org/api"],
      stack_url: null,
      url: null,
    });
    const oncall = {
      ...emptyForm("grafana-oncall"),
      url: "https://oncall.example.org",
      stack_url: " https://team.grafana.net ",
      token: "t",
      repos: "octo-org/web",
    };
    expect(toNewSource(oncall)).toMatchObject({ stack_url: "https://team.grafana.net", repos: [], token: "t" });
    expect(toNewSource({ ...emptyForm("gatus"), url: "https://status.example.org", token: "left over" })).toMatchObject({
      url: "https://status.example.org",
      token: null,
    });
  });
});

describe("a source in the list", () => {
  test("says where its token is kept, never the token", () => {
    words.setLang("en");
    expect(tokenText(view({ token_set: false }))).toBe("No");
    expect(tokenText(view({ token_set: true, token_home: "keychain" }))).toBe("Yes, in the system keychain");
    expect(tokenText(view({ token_set: true, token_home: "file" }))).toBe(
      "Yes, in a private file, because no keychain is running on this computer",
    );
  });

  test("says where it reads from", () => {
    expect(sourceAddress(view({}))).toBe("https://api.pagerduty.com");
    expect(sourceAddress(view({ kind: "uptime-kuma", url: "https://up.example.com", slug: "shop" }))).toBe(
      "https://up.example.com · page “shop”",
    );
    expect(sourceAddress(view({ kind: "prometheus", url: "http://p:9090", query: "probe_success" }))).toBe(
      "http://p:9090 · probe_success, one service per instance",
    );
    expect(sourceAddress(view({ kind: "csv", file: "/home/ana/incidents.csv" }))).toBe("/home/ana/incidents.csv");
    expect(sourceAddress(view({ kind: "uptimerobot" }))).toBe("https://api.uptimerobot.com");
    expect(sourceAddress(view({ kind: "github", repos: ["octo-org/web", "octo-org/api"] }))).toBe(
      "https://api.github.com · repositories octo-org/web, octo-org/api",
    );
    expect(sourceAddress(view({ kind: "github", repos: ["octo-org/web"] }))).toBe("https://api.github.com · repository octo-org/web");
    expect(
      sourceAddress(view({ kind: "grafana-oncall", url: "https://oncall.example.org", stack_url: "https://team.grafana.net" })),
    ).toBe("https://oncall.example.org · Grafana stack https://team.grafana.net");
  });

  test("says it in Spanish too", () => {
    words.setLang("es");
    try {
      expect(sourceAddress(view({ kind: "github", repos: ["octo-org/web", "octo-org/api"] }))).toBe(
        "https://api.github.com · repositorios octo-org/web, octo-org/api",
      );
    } finally {
      words.setLang("en");
    }
  });
});
