// Settings → Sources: the tools Unsung reads (PagerDuty, a status page, Uptime Kuma,
// Prometheus, a CSV file, incident.io, Better Stack, UptimeRobot, Grafana OnCall, Gatus,
// GitHub). Which fields each kind asks for, the form being filled in, and the list as the
// backend has it. A token typed here is sent once with the new source and never
// comes back: a source only says whether it has one, and where it is kept.
import { addSource, listSources, removeSource, testSource, toAppError } from "./api";
import type { AppError, NewSource, SourceView } from "./bindings";
import { t } from "./i18n.svelte";
import { saveWith } from "./saving";

export const SOURCE_KINDS = [
  "pagerduty",
  "statuspage",
  "uptime-kuma",
  "prometheus",
  "csv",
  "incident-io",
  "better-stack",
  "uptimerobot",
  "grafana-oncall",
  "gatus",
  "github",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The settings a source may have, as `NewSource` names them. */
export type SourceField = "url" | "slug" | "query" | "service_label" | "file" | "stack_url" | "repos" | "token";

/** The public API a kind reads when no address is given (the connectors' defaults). */
export const PUBLIC_API: Partial<Record<SourceKind, string>> = {
  pagerduty: "https://api.pagerduty.com",
  "incident-io": "https://api.incident.io",
  "better-stack": "https://uptime.betterstack.com",
  uptimerobot: "https://api.uptimerobot.com",
  github: "https://api.github.com",
};

export type FieldRule = {
  field: SourceField;
  required: boolean;
  /** Fluent ids of the label and the hint under the field (the hint may be ""). */
  label: string;
  hint: string;
  placeholder: string;
  /** Several lines (GitHub's repositories, one per line). */
  multiline?: boolean;
};

const rule = (kind: SourceKind, field: SourceField, required: boolean, placeholder: string, hint: boolean): FieldRule => ({
  field,
  required,
  label: `ui-source-${kind}-${field}`,
  hint: hint ? `ui-source-${kind}-${field}-hint` : "",
  placeholder,
});

/** What each kind asks for, in the order the form shows it. */
export const FIELDS: Record<SourceKind, readonly FieldRule[]> = {
  pagerduty: [
    rule("pagerduty", "token", true, "", true),
    rule("pagerduty", "url", false, "https://api.pagerduty.com", true),
  ],
  statuspage: [rule("statuspage", "url", true, "https://status.example.com", true)],
  "uptime-kuma": [
    rule("uptime-kuma", "url", true, "https://uptime.example.com", false),
    rule("uptime-kuma", "slug", true, "default", true),
  ],
  prometheus: [
    rule("prometheus", "url", true, "http://prometheus.example.org:9090", false),
    rule("prometheus", "query", true, "probe_success", true),
    rule("prometheus", "service_label", false, "instance", true),
    rule("prometheus", "token", false, "", true),
  ],
  csv: [rule("csv", "file", true, "/home/you/incidents.csv", true)],
  "incident-io": [
    rule("incident-io", "token", true, "", true),
    rule("incident-io", "url", false, PUBLIC_API["incident-io"]!, true),
  ],
  "better-stack": [
    rule("better-stack", "token", true, "", true),
    rule("better-stack", "url", false, PUBLIC_API["better-stack"]!, true),
  ],
  uptimerobot: [
    rule("uptimerobot", "token", true, "", true),
    rule("uptimerobot", "url", false, PUBLIC_API.uptimerobot!, true),
  ],
  "grafana-oncall": [
    rule("grafana-oncall", "url", true, "https://oncall.example.org", true),
    rule("grafana-oncall", "stack_url", false, "https://yourteam.grafana.net", true),
    rule("grafana-oncall", "token", true, "", true),
  ],
  gatus: [rule("gatus", "url", true, "https://status.example.org", true)],
  github: [
    rule("github", "token", true, "", true),
    { ...rule("github", "repos", true, "octo-org/web\nocto-org/api", true), multiline: true },
    rule("github", "url", false, PUBLIC_API.github!, true),
  ],
};

export function isSourceKind(value: string): value is SourceKind {
  return (SOURCE_KINDS as readonly string[]).includes(value);
}

/** The form as typed: every field a string, whatever the kind. */
export type SourceForm = { name: string; kind: SourceKind } & Record<SourceField, string>;

export function emptyForm(kind: SourceKind = "pagerduty"): SourceForm {
  return { name: "", kind, url: "", slug: "", query: "", service_label: "", file: "", stack_url: "", repos: "", token: "" };
}

/** GitHub's repositories as typed: one per line or separated by commas, blanks skipped. */
export function splitRepos(typed: string): string[] {
  return typed
    .split(/[\n,]/)
    .map((r) => r.trim())
    .filter((r) => r !== "");
}

/**
 * The first repository typed that cannot be one: `owner/name`, or its github.com address (the
 * backend's rule, so the window can say it in the reader's language before sending).
 */
export function badRepo(typed: string): string | null {
  const path = (r: string) =>
    r
      .replace(/\/+$/, "")
      .replace(/^(https?:\/\/)?github\.com\//, "")
      .replace(/\.git$/, "");
  const part = "(?!\\.\\.?(?:/|$))[A-Za-z0-9._-]{1,100}";
  const shape = new RegExp(`^${part}/${part}$`);
  return splitRepos(typed).find((r) => !shape.test(path(r))) ?? null;
}

const isEmpty = (form: SourceForm, field: SourceField) =>
  field === "repos" ? splitRepos(form.repos).length === 0 : form[field].trim() === "";

/** The name the source gets: the one typed, else its kind ("pagerduty"). */
export function sourceName(form: SourceForm): string {
  return form.name.trim() || form.kind;
}

/**
 * The fields a form must still fill in before it is sent, in form order. A token is not
 * asked again when the source being changed already has one.
 */
export function missingFields(form: SourceForm, existing: readonly SourceView[] = []): SourceField[] {
  const saved = existing.find((s) => s.name === sourceName(form) && s.kind === form.kind);
  return FIELDS[form.kind]
    .filter((r) => r.required && isEmpty(form, r.field))
    .filter((r) => !(r.field === "token" && saved?.token_set))
    .map((r) => r.field);
}

/** A source's settings, every one unset: what a kind does not use. */
export const NO_SETTINGS = {
  url: null,
  query: null,
  service_label: null,
  slug: null,
  file: null,
  stack_url: null,
  repos: [] as string[],
} satisfies Partial<NewSource> & Partial<SourceView>;

/** What is sent: the fields of the chosen kind, trimmed; the others (and empty ones) null. */
export function toNewSource(form: SourceForm): NewSource {
  const source: NewSource = { name: sourceName(form), kind: form.kind, ...NO_SETTINGS, repos: [], token: null };
  for (const { field } of FIELDS[form.kind]) {
    if (field === "repos") {
      source.repos = splitRepos(form.repos);
      continue;
    }
    const value = form[field].trim();
    if (value !== "") source[field] = value;
  }
  return source;
}

/** Where a source reads from, in one line: its address or file, with what narrows it. */
export function sourceAddress(source: SourceView): string {
  const place = source.url ?? source.file ?? (isSourceKind(source.kind) ? (PUBLIC_API[source.kind] ?? "") : "");
  const repos = source.repos ?? [];
  const extras = [
    source.slug ? t("ui-source-page", { slug: source.slug }) : "",
    source.query ? t("ui-source-query", { query: source.query, label: source.service_label ?? "instance" }) : "",
    repos.length > 0 ? t("ui-source-repos", { count: repos.length, repos: repos.join(", ") }) : "",
    source.stack_url ? t("ui-source-stack", { stack: source.stack_url }) : "",
  ].filter((e) => e !== "");
  return [place, ...extras].join(" · ");
}

/** "Yes, in the system keychain" / "Yes, in a private file, because…" / "No". */
export function tokenText(source: SourceView): string {
  if (!source.token_set) return t("ui-source-token-no");
  return source.token_home === "file" ? t("ui-source-token-file") : t("ui-source-token-keychain");
}

/** What the last Test connection or Remove of one source said. */
export type RowNote = { tone: "busy" | "ok" | "error"; text: string };

export class SourcesState {
  list = $state<SourceView[]>([]);
  loaded = $state(false);
  busy = $state(false);
  /** The last failure of loading or adding, shown by the form. */
  error = $state<AppError | null>(null);
  /** The field the error is about, so the form can point at it. */
  invalid = $state<SourceField | "name" | null>(null);
  notice = $state("");
  form = $state<SourceForm>(emptyForm());
  notes = $state<Record<string, RowNote>>({});

  /** Reads the list again (entering Settings, after a sync); an old confirmation goes. */
  async load(): Promise<void> {
    this.notice = "";
    try {
      this.list = await listSources();
      this.loaded = true;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** Picks another kind: the fields change, the name and what is typed in shared fields stay. */
  chooseKind(kind: SourceKind): void {
    this.form = { ...this.form, kind, token: kind === this.form.kind ? this.form.token : "" };
    this.invalid = null;
  }

  async add(): Promise<boolean> {
    if (this.busy) return false;
    this.error = null;
    this.invalid = null;
    this.notice = "";
    const [missing] = missingFields(this.form, this.list);
    if (missing) {
      const rule = FIELDS[this.form.kind].find((r) => r.field === missing)!;
      this.invalid = missing;
      this.error = { code: "invalid_input", message: t("ui-source-missing", { field: t(rule.label) }), detail: null };
      return false;
    }
    const bad = this.form.kind === "github" ? badRepo(this.form.repos) : null;
    if (bad !== null) {
      this.invalid = "repos";
      this.error = { code: "invalid_input", message: t("ui-source-repo-bad", { repo: bad }), detail: null };
      return false;
    }
    return saveWith(this, async () => {
      const saved = await addSource(toNewSource(this.form));
      this.list = [...this.list.filter((s) => s.name !== saved.name), saved].sort((a, b) => (a.name < b.name ? -1 : 1));
      this.form = emptyForm(this.form.kind);
      return t("ui-source-added", { name: saved.name });
    });
  }

  async test(name: string): Promise<void> {
    this.notes[name] = { tone: "busy", text: t("ui-source-testing") };
    try {
      this.notes[name] = { tone: "ok", text: await testSource(name) };
    } catch (reason) {
      this.notes[name] = { tone: "error", text: toAppError(reason).message };
    }
  }

  async remove(name: string): Promise<boolean> {
    this.notes[name] = { tone: "busy", text: t("ui-source-removing") };
    try {
      await removeSource(name);
      this.list = this.list.filter((s) => s.name !== name);
      delete this.notes[name];
      this.notice = t("ui-source-removed", { name });
      return true;
    } catch (reason) {
      this.notes[name] = { tone: "error", text: toAppError(reason).message };
      return false;
    }
  }
}
