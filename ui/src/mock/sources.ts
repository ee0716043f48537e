// The mock backend's sources: a stateful fake of add, list, test, remove and sync, with the
// backend's rules (names, what each kind needs, tokens kept apart and never sent back). A
// sync sends started, step and finished events per source, then done, a little apart so
// progress can be seen; a source named "broken" fails the way a server error does, and with
// `networkDown` every source fails the way it does with no network.
import type { Channel } from "@tauri-apps/api/core";
import type { NewSource, SourceSetting, SourceSyncResult, SourceView, SyncEvent, SyncSummary } from "../lib/bindings";
import { isSourceKind, NO_SETTINGS, PUBLIC_API, SOURCE_KINDS } from "../lib/sources.svelte";
import { reject } from "./errors";

export type MockSources = {
  list: SourceView[];
  /** Tokens by source name: kept here, never in a `SourceView`. */
  tokens: Map<string, string>;
};

// The kinds and their public APIs are the window's own lists: one place names them.
const KINDS: readonly string[] = SOURCE_KINDS;
const NEEDS_TOKEN = ["pagerduty", "incident-io", "better-stack", "uptimerobot", "grafana-oncall", "github"];
const TAKES_TOKEN = [...NEEDS_TOKEN, "prometheus"];
const NEEDS_URL = ["statuspage", "uptime-kuma", "prometheus", "grafana-oncall", "gatus"];
/** The host of the public API a hosted kind reads when no address is given. */
const publicHost = (kind: string): string | undefined => {
  const api = isSourceKind(kind) ? PUBLIC_API[kind] : undefined;
  return api ? new URL(api).host : undefined;
};

/** What each kind reads, as the connectors report their steps. */
const STEPS: Record<string, string[]> = {
  pagerduty: ["services", "incidents from 29 November 2025", "maintenance windows"],
  statuspage: ["the status page", "incidents", "scheduled maintenance"],
  "uptime-kuma": ["the status page", "heartbeats"],
  prometheus: ["services", "hours from 29 November 2025"],
  csv: ["the file"],
  "incident-io": ["severities", "incidents from 29 November 2025"],
  "better-stack": ["monitors", "incidents", "availability"],
  uptimerobot: ["monitors", "logs"],
  "grafana-oncall": ["users", "alert groups"],
  gatus: ["endpoint statuses"],
  github: ["releases of octo-org/web", "deployments of octo-org/web"],
};

/** What a sync brings in, per kind: services, incidents. */
const BRINGS: Record<string, [number, number]> = {
  pagerduty: [4, 12],
  statuspage: [6, 3],
  "uptime-kuma": [5, 2],
  prometheus: [3, 4],
  csv: [2, 7],
  "incident-io": [3, 9],
  "better-stack": [4, 2],
  uptimerobot: [5, 3],
  "grafana-oncall": [3, 6],
  gatus: [4, 1],
  github: [1, 0],
};

/** The backend's answer for a name it does not know. */
const noSuchSource = (name: string): Promise<never> =>
  reject("not_found", `There is no source called "${name}"`, { reason: "no_such_source", source: name });

const given = (value: string | null | undefined): string | null => {
  const trimmed = (value ?? "").trim();
  return trimmed === "" ? null : trimmed;
};

function hostOf(source: SourceView): string {
  if (source.url) {
    try {
      return new URL(source.url).host;
    } catch {
      return source.url;
    }
  }
  return source.file ?? publicHost(source.kind) ?? source.kind;
}

export function newMockSources(): MockSources {
  return { list: [], tokens: new Map() };
}

/** When the seeded source last synced: this morning, as the fixture's clock reads. */
export const SEEDED_SYNC_AT = "2026-11-27T08:15:00+01:00";

/** A status page, connected and synced this morning (`?mock-synced`). */
export function seededSources(): MockSources {
  const [services, incidents] = BRINGS.statuspage;
  return {
    tokens: new Map(),
    list: [
      {
        name: "status",
        kind: "statuspage",
        ...NO_SETTINGS,
        url: "https://status.example.com",
        takes_token: false,
        token_set: false,
        token_home: null,
        services,
        incidents,
        last_attempt_at: SEEDED_SYNC_AT,
        last_success_at: SEEDED_SYNC_AT,
        last_error: null,
        last_requests: 3,
      },
    ],
  };
}

/** What a source says when its host cannot be reached (the connectors' own words). */
export function unreachable(host: string): string {
  return `Could not reach ${host}: the network may be down or the address wrong. Earlier data is kept; check the connection and the address, then sync again.`;
}

/** Answers the source commands (list_sources, add_source, remove_source, test_source, sync_sources). */
export function answerSources(
  sources: MockSources,
  cmd: string,
  args: Record<string, unknown>,
  options: { stepMs: number; tokenHome: "keychain" | "file"; networkDown?: boolean },
): unknown {
  const view = (name: string, patch: Partial<SourceView> = {}): SourceView => {
    const found = sources.list.find((s) => s.name === name)!;
    return { ...found, ...patch, token_set: sources.tokens.has(name), token_home: sources.tokens.has(name) ? options.tokenHome : null };
  };
  const save = (source: SourceView) => {
    sources.list = [...sources.list.filter((s) => s.name !== source.name), source].sort((a, b) => (a.name < b.name ? -1 : 1));
  };

  switch (cmd) {
    case "list_sources":
      return sources.list.map((s) => view(s.name));
    case "add_source": {
      const next = args.source as NewSource;
      const name = next.name.trim();
      if (!/^[\p{L}\p{N}._-]{1,40}$/u.test(name) || name === "demo")
        return reject(
          "invalid_input",
          'A source\'s name is up to 40 letters, digits, dashes, dots or underscores, such as "pagerduty" or "status-page"',
        );
      const kind = next.kind.trim();
      if (!KINDS.includes(kind))
        return reject("invalid_input", `The kind of source is one of: ${KINDS.join(", ")}`);
      const url = given(next.url);
      const needs = (setting: SourceSetting, what: string) =>
        reject("invalid_input", `A ${kind} source needs ${what}`, { reason: "setting_needed", kind, setting });
      if (kind === "csv" && !given(next.file)) return needs("file", "the CSV file to read");
      if (NEEDS_URL.includes(kind) && !url) return needs("url", "its web address");
      const repos = kind === "github" ? [...new Set((next.repos ?? []).map((r) => r.trim()).filter((r) => r !== ""))] : [];
      if (kind === "github" && repos.length === 0) return needs("repos", "at least one repository, such as owner/name");
      if (kind === "uptime-kuma" && !given(next.slug)) return needs("slug", "the status page's name in its address");
      if (kind === "prometheus" && !given(next.query)) return needs("query", "a query for a 0/1 series, such as probe_success");
      if (url !== null && !/^https?:\/\/[^/\s]+/.test(url))
        return reject("invalid_input", `"${url.slice(0, 80)}" is not a web address; give one such as https://status.example.com`);
      const old = sources.list.find((s) => s.name === name);
      if (old && old.kind !== kind)
        return reject("invalid_input", `There is already a ${old.kind} source called "${name}"; remove it first or choose another name`);
      const token = given(next.token);
      if (token && !TAKES_TOKEN.includes(kind))
        return reject("invalid_input", `A ${kind} source takes no token`, { reason: "token_not_taken", kind });
      if (!token && NEEDS_TOKEN.includes(kind) && !sources.tokens.has(name))
        return reject("invalid_input", `A ${kind} source needs a read-only API token`, { reason: "token_needed", kind });
      if (token) sources.tokens.set(name, token);
      save({
        name,
        kind,
        url,
        query: given(next.query),
        service_label: given(next.service_label),
        slug: given(next.slug),
        file: given(next.file),
        stack_url: kind === "grafana-oncall" ? given(next.stack_url) : null,
        repos,
        takes_token: TAKES_TOKEN.includes(kind),
        token_set: false,
        token_home: null,
        services: old?.services ?? 0,
        incidents: old?.incidents ?? 0,
        last_attempt_at: null,
        last_success_at: null,
        last_error: null,
        last_requests: 0,
      });
      return view(name);
    }
    case "remove_source": {
      const name = String(args.name ?? "");
      if (!sources.list.some((s) => s.name === name)) return noSuchSource(name);
      sources.list = sources.list.filter((s) => s.name !== name);
      sources.tokens.delete(name);
      return null;
    }
    case "test_source": {
      const source = sources.list.find((s) => s.name === args.name);
      if (!source) return noSuchSource(String(args.name));
      if (options.networkDown) return reject("offline", unreachable(hostOf(source)));
      if (source.name === "broken")
        return reject("source_failed", `${hostOf(source)} kept failing on its side (HTTP 500). Earlier data is kept; try again later.`);
      const [services] = BRINGS[source.kind];
      return `Connected to ${hostOf(source)}: ${services} services`;
    }
    case "sync_sources":
      return sync(sources, args, options.stepMs, options.networkDown ?? false, save, view);
    default:
      return reject("internal", `Unknown command "${cmd}".`);
  }
}

async function sync(
  sources: MockSources,
  args: Record<string, unknown>,
  stepMs: number,
  networkDown: boolean,
  save: (source: SourceView) => void,
  view: (name: string, patch?: Partial<SourceView>) => SourceView,
): Promise<SyncSummary> {
  const channel = args.onEvent as Channel<SyncEvent>;
  const send = (event: SyncEvent) => channel.onmessage(event);
  const pause = () => new Promise((done) => setTimeout(done, stepMs));
  const only = typeof args.only === "string" ? args.only : null;
  if (only !== null && !sources.list.some((s) => s.name === only))
    return noSuchSource(only);
  const chosen = sources.list.filter((s) => only === null || s.name === only);
  const results: SourceSyncResult[] = [];
  for (const [index, source] of chosen.entries()) {
    send({ event: "started", source: source.name, index, total: chosen.length });
    await pause();
    const steps = STEPS[source.kind];
    const failing = networkDown || source.name === "broken";
    let requests = 0;
    for (const step of failing ? steps.slice(0, 1) : steps) {
      requests += 1;
      send({ event: "step", source: source.name, step, requests });
      await pause();
    }
    const now = new Date().toISOString();
    const [services, incidents] = BRINGS[source.kind];
    const result: SourceSyncResult = failing
      ? {
          name: source.name,
          ok: false,
          problem: networkDown ? "unreachable" : "server_error",
          message: networkDown
            ? unreachable(hostOf(source))
            : `${hostOf(source)} kept failing on its side (HTTP 500). Earlier data is kept; try again later.`,
          requests,
          services: source.services,
          incidents: source.incidents,
          shared_with_team: false,
        }
      : { name: source.name, ok: true, problem: null, message: null, requests, services, incidents, shared_with_team: false };
    save(
      view(source.name, {
        last_attempt_at: now,
        last_success_at: result.ok ? now : source.last_success_at,
        last_error: result.message,
        last_requests: requests,
        services: result.services,
        incidents: result.incidents,
      }),
    );
    send({ event: "finished", result });
    results.push(result);
  }
  const summary: SyncSummary = { ok: results.every((r) => r.ok), sources: results, team: null };
  send({ event: "done", summary });
  return summary;
}
