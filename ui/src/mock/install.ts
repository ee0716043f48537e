// Stands in for the Rust backend when the UI runs in a plain browser (`vite build --mode mock`)
// or in Vitest. Answers every command from the fixture and keeps notes, people, sources and
// the team database setting in memory, with the backend's rules (only a note's author changes
// it; Settings keeps no password; a token is never sent back), and records what Share saved
// or copied.
//
// Query parameters (mock build only) to exercise the unhappy paths:
//   ?mock-fail=get_overview   the first call of that command rejects with a storage error
//   ?mock-delay=800           every answer waits that many milliseconds
//   ?mock-offline             a team database is set but cannot be reached: notes wait
//   ?mock-no-keychain         tokens go to a private file, as where no keychain runs
//   ?mock-sync-ms=400         the pause between a sync's events (150 by default)
//   ?mock-first-run           nobody went through the welcome yet: it shows instead of This week
//   ?mock-sysadmin-day        today is SysAdmin Appreciation Day
//   ?mock-synced              a status page is connected and synced this morning
//   ?mock-network-down        every source sync fails as it does with no network
import type { Channel } from "@tauri-apps/api/core";
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  Audience,
  ExplanationView,
  IncidentView,
  Lang,
  NewThankYou,
  PeriodKind,
  PersonEntry,
  SendReport,
  ShellEvent,
  TeamReach,
  ShareOptions,
  TeamStatus,
  ThankYou,
  ThankYouEdit,
} from "../lib/bindings";
import { PERIODS } from "../lib/periods";
import { answerDelivery, newMockDelivery, type MockDelivery } from "./delivery";
import { buildOverview, DEMO_THANKS, INCIDENTS, noteView, PEOPLE, SERVICES } from "./fixture";
import { mockCoach } from "./coach";
import { buildPreview, storyText } from "./share";
import { answerPreferences, mockTimeZones, newMockPreferences, type MockPreferences } from "./preferences";
import { answerSources, newMockSources, seededSources, type MockSources } from "./sources";
import { reject } from "./errors";

export type MockOptions = {
  /** Commands whose first call fails. */
  failOnce?: string[];
  /** Milliseconds to wait before each answer. */
  delayMs?: number;
  /** A team database is set (as Ana) but cannot be reached. */
  teamOffline?: boolean;
  /** Milliseconds between a sync's events (150 by default). */
  syncStepMs?: number;
  /** No keychain runs: tokens are kept in a private file. */
  noKeychain?: boolean;
  /** First run: the reader has not been through the welcome. */
  firstRun?: boolean;
  /** Today is SysAdmin Appreciation Day. */
  sysadminDay?: boolean;
  /** A status page is connected, and synced this morning. */
  synced?: boolean;
  /** Every source sync fails the way it does with no network. */
  networkDown?: boolean;
  /** A team database is set and still being reached as the app starts. */
  teamReaching?: boolean;
};

export type MockStore = {
  thanks: ThankYou[];
  people: PersonEntry[];
  teamUrl: string | null;
  offline: boolean;
  calls: OverviewCall[];
  /** What Copy put on the clipboard. */
  clipboard: string;
  /** Where Save wrote, in order. */
  saved: string[];
  /** The options of the latest share command. */
  shareOptions: ShareOptions | null;
  /** The connected sources, and their tokens (kept apart). */
  sources: MockSources;
  /** The reader's settings, as the backend keeps them. */
  preferences: MockPreferences;
  /** The channel the window opened for the shell's events (a clicked weekly notice). */
  shell: Channel<ShellEvent> | null;
  /** Where reaching the team database stands, as the overview says (`null`: none is set). */
  teamReach: TeamReach | null;
  /** Family and friends, the mail server and the team chats. */
  delivery: MockDelivery;
  /** "What got better", by incident id, as people wrote it. */
  explanations: Map<string, ExplanationView>;
  /** Friendly names people gave services, by service id. */
  serviceNames: Map<string, string>;
};

/** Chloé's text after the mobile app's log-in problem, there before the mock starts. */
const EARLIER_EXPLANATION: ExplanationView = {
  text: "The app now renews its security pass on its own, weeks before it runs out.",
  practice: false,
  written_by: "Chloé",
  written_at: "2026-10-22T09:30:00+02:00",
  edited_by: "Ana",
  edited_at: "2026-10-23T11:00:00+02:00",
};

/** An incident with what a person wrote about it (a practice mark makes it a drill). */
function explained(incident: IncidentView, explanation: ExplanationView | undefined): IncidentView {
  if (!explanation) return incident;
  return { ...incident, explanation, kind: explanation.practice && incident.kind === "problem" ? "drill" : incident.kind };
}

/** As unsung_core::names does for the usual shapes: "shop-web-prod" → "Shop". */
function suggestName(internal: string): string | null {
  const part = internal.split(/[-_. ]/).find((p) => /^[a-z]{3,}$/i.test(p) && !["prod", "www", "api", "web"].includes(p.toLowerCase()));
  return part ? part[0].toUpperCase() + part.slice(1).toLowerCase() : null;
}

function cleanNames(names: readonly string[] | null | undefined): string[] {
  return [...new Set((names ?? []).map((r) => r.trim()).filter((r) => r !== ""))];
}

/** One overview request, as the backend got it (for tests). */
export type OverviewCall = { period: PeriodKind; lang: Lang; audience: Audience };

/** Installs the mock; returns its in-memory state and the overview requests (for tests). */
export function installMock(options: MockOptions = {}): MockStore {
  const store: MockStore = {
    thanks: [...DEMO_THANKS],
    people: PEOPLE.map((name) => ({ name, aliases: [] })),
    teamUrl: options.teamOffline ? "postgres://ana@team-db.example.org/unsung" : null,
    offline: options.teamOffline ?? false,
    calls: [],
    clipboard: "",
    saved: [],
    shareOptions: null,
    sources: options.synced ? seededSources() : newMockSources(),
    preferences: newMockPreferences(!options.firstRun),
    shell: null,
    teamReach: options.teamReaching ? "reaching" : null,
    delivery: newMockDelivery(),
    explanations: new Map([["inc-mobile-1021", EARLIER_EXPLANATION]]),
    serviceNames: new Map(),
  };
  const sourceOptions = {
    stepMs: options.syncStepMs ?? 150,
    tokenHome: options.noKeychain ? ("file" as const) : ("keychain" as const),
    networkDown: options.networkDown ?? false,
  };
  /** As the backend: the latest good sync of a real source is what the figures are as of. */
  const lastSynced = (): string | null => {
    const times = store.sources.list.map((s) => s.last_success_at).filter((at): at is string => at !== null);
    return times.length === 0 ? null : times.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
  };
  const failOnce = new Set(options.failOnce ?? []);
  let next = 1;

  const teamStatus = (): TeamStatus => {
    const waiting = store.thanks.filter((t) => t.waiting_to_send).length;
    return {
      configured: store.teamUrl !== null,
      url: store.teamUrl,
      set_by: store.teamUrl === null ? null : "settings",
      reachable: store.teamUrl !== null && !store.offline,
      me: store.teamUrl === null ? null : "Ana",
      waiting,
      refused: 0,
      problem: store.teamUrl !== null && store.offline ? "the database cannot be reached: connection refused" : null,
    };
  };

  const find = (id: unknown, author: unknown): ThankYou | Promise<never> => {
    const note = store.thanks.find((t) => t.id === id);
    if (!note) return reject("not_found", "There is no such note");
    if (note.is_demo) return reject("forbidden", "This is a sample note of the demo team; it cannot be changed");
    if (note.author !== String(author ?? "").trim())
      return reject("forbidden", `This note is ${note.author}'s: only the person who wrote a note can change or delete it`);
    return note;
  };

  const answer = (cmd: string, args: Record<string, unknown>): unknown => {
    if (failOnce.delete(cmd)) return reject("storage", "The team database could not be read. Please try again.");
    switch (cmd) {
      case "get_overview": {
        const period = args.period as PeriodKind;
        if (!PERIODS.some((p) => p.kind === period)) return reject("invalid_input", `Unknown period "${String(period)}".`);
        const lang = (args.lang ?? "en") as Lang;
        const audience = (args.audience ?? "family") as Audience;
        if (lang !== "en" && lang !== "es") return reject("invalid_input", `Unknown language "${String(lang)}".`);
        if (audience !== "family" && audience !== "team")
          return reject("invalid_input", `Unknown audience "${String(audience)}".`);
        store.calls.push({ period, lang, audience });
        const overview = buildOverview(period, store.thanks, lang, audience);
        return {
          ...overview,
          incidents: overview.incidents.map((incident) => explained(incident, store.explanations.get(incident.id))),
          people: store.people.map((p) => p.name),
          me: teamStatus().me,
          last_synced_at: lastSynced(),
          sysadmin_day: options.sysadminDay ?? false,
          welcomed: store.preferences.welcomed,
          team: store.teamReach,
        };
      }
      case "list_thanks": {
        const limit = args.limit;
        return typeof limit === "number" ? store.thanks.slice(0, limit) : [...store.thanks];
      }
      case "post_thanks": {
        const note = args.note as NewThankYou;
        const recipients = cleanNames(note.recipients);
        if ((note.author ?? "").trim() === "") return reject("invalid_input", "Please say who the thank-you is from.");
        if (recipients.length === 0) return reject("invalid_input", "Please add at least one person to thank.");
        if ((note.message ?? "").trim() === "") return reject("invalid_input", "The message is empty.");
        const saved = noteView({
          id: `thx-new-${next++}`,
          author: note.author.trim(),
          recipients,
          message: note.message,
          incident_id: note.incident_id,
          period_from: note.period_from ?? null,
          period_to: note.period_to ?? null,
          created_at: new Date().toISOString(),
          is_demo: false,
          waiting_to_send: store.offline,
          send_error: store.offline ? "the database cannot be reached: connection refused" : null,
        });
        store.thanks.unshift(saved);
        return saved;
      }
      case "edit_thanks": {
        const edit = args.edit as ThankYouEdit;
        const found = find(edit.id, edit.author);
        if (found instanceof Promise) return found;
        if (edit.message !== null && edit.message.trim() === "") return reject("invalid_input", "The message is empty.");
        const changed: ThankYou = {
          ...found,
          message: edit.message ?? found.message,
          recipients: edit.recipients === null ? found.recipients : cleanNames(edit.recipients),
          edited_at: new Date().toISOString(),
        };
        store.thanks = store.thanks.map((t) => (t.id === changed.id ? changed : t));
        return changed;
      }
      case "delete_thanks": {
        const found = find(args.id, args.author);
        if (found instanceof Promise) return found;
        store.thanks = store.thanks.filter((t) => t.id !== found.id);
        return null;
      }
      case "list_people":
        return [...store.people];
      case "save_person": {
        const person = args.person as PersonEntry;
        const name = person.name.trim();
        if (name === "") return reject("invalid_input", "The name is empty");
        const aliases = cleanNames(person.aliases).filter((a) => a.toLowerCase() !== name.toLowerCase());
        const others = store.people.filter((p) => p.name !== name);
        const taken = aliases.find((a) =>
          others.some((p) => [p.name, ...p.aliases].some((n) => n.toLowerCase() === a.toLowerCase())),
        );
        if (taken) return reject("invalid_input", `"${taken}" already means someone else; each name can point to one person only`);
        store.people = [...others, { name, aliases }].sort((a, b) => (a.name < b.name ? -1 : 1));
        return [...store.people];
      }
      case "remove_person": {
        const before = store.people.length;
        store.people = store.people.filter((p) => p.name !== args.name);
        if (store.people.length === before) return reject("not_found", `There is nobody called "${String(args.name)}" in People`);
        return [...store.people];
      }
      case "team_status":
        return teamStatus();
      case "set_team_db": {
        const url = typeof args.url === "string" && args.url.trim() !== "" ? args.url.trim() : null;
        if (url !== null && !/^postgres(ql)?:\/\//.test(url))
          return reject("invalid_input", "The team database is a PostgreSQL URL, such as postgres://ana@db.example.org/unsung");
        if (url !== null && /:\/\/[^/@]*:[^/@]*@/.test(url))
          return reject("invalid_input", "Leave the password out of the URL: Unsung keeps no passwords in its settings.");
        store.teamUrl = url;
        return teamStatus();
      }
      case "send_waiting": {
        const waiting = store.thanks.filter((t) => t.waiting_to_send).length;
        if (store.offline)
          return { sent: 0, waiting, refused: 0, problem: "the database cannot be reached: connection refused" } satisfies SendReport;
        store.thanks = store.thanks.map((t) => ({ ...t, waiting_to_send: false, send_error: null }));
        return { sent: waiting, waiting: 0, refused: 0, problem: null } satisfies SendReport;
      }
      case "share_preview":
      case "share_save":
      case "share_copy": {
        const period = args.period as PeriodKind;
        if (!PERIODS.some((p) => p.kind === period)) return reject("invalid_input", `Unknown period "${String(period)}".`);
        const overview = buildOverview(period, store.thanks, (args.lang ?? "en") as Lang, (args.audience ?? "family") as Audience);
        const share = args.options as ShareOptions;
        store.shareOptions = share;
        if (cmd === "share_copy") {
          store.clipboard = storyText(overview, share);
          return null;
        }
        const preview = buildPreview(overview, share);
        if (cmd === "share_preview") return preview;
        const path = `/home/you/Documents/${preview.file_name}`;
        store.saved.push(path);
        return { path, bytes: preview.bytes };
      }
      case "get_preferences":
      case "save_preferences":
        return answerPreferences(store.preferences, cmd, args, store.sources.list.length > 0);
      case "time_zones":
        return mockTimeZones();
      case "listen_shell":
        store.shell = args.onEvent as Channel<ShellEvent>;
        return null;
      case "story_shown":
        return null;
      case "coach_text":
        return mockCoach(String(args.text ?? ""), (args.lang ?? "en") as Lang);
      case "explain_incident": {
        const id = String(args.incidentId ?? "");
        const text = String(args.text ?? "");
        const lang = (args.lang ?? "en") as Lang;
        if (!INCIDENTS.some((i) => i.id === id)) return reject("not_found", `There is no incident "${id}"`);
        if ([...text].length > 10_000) return reject("invalid_input", "What got better is longer than 10000 characters; shorten it");
        const me = store.preferences.name ?? "Ana";
        const now = new Date().toISOString();
        const earlier = store.explanations.get(id);
        store.explanations.set(id, {
          text,
          practice: Boolean(args.practice),
          written_by: earlier?.written_by ?? me,
          written_at: earlier?.written_at ?? now,
          edited_by: earlier ? me : null,
          edited_at: earlier ? now : null,
        });
        return mockCoach(text, lang);
      }
      case "list_service_names":
        return SERVICES.map((s) => ({
          id: s.id,
          internal_name: s.technical_name,
          friendly_name: store.serviceNames.get(s.id) ?? null,
          suggestion: suggestName(s.technical_name),
        }));
      case "set_service_name": {
        const id = String(args.serviceId ?? "");
        if (!SERVICES.some((s) => s.id === id)) return reject("not_found", `There is no service "${id}"`);
        const name = typeof args.name === "string" ? args.name.trim() : "";
        if ([...name].length > 80) return reject("invalid_input", "A service's friendly name is at most 80 characters");
        if (name === "") store.serviceNames.delete(id);
        else store.serviceNames.set(id, name);
        return null;
      }
      case "list_sources":
      case "add_source":
      case "remove_source":
      case "test_source":
      case "sync_sources":
        return answerSources(store.sources, cmd, args, sourceOptions);
      case "get_email_settings":
      case "set_email_settings":
      case "list_mail_recipients":
      case "save_mail_recipient":
      case "remove_mail_recipient":
      case "email_now":
      case "list_channels":
      case "add_channel":
      case "remove_channel":
        return answerDelivery(store.delivery, cmd, args);
      default:
        return reject("internal", `Unknown command "${cmd}".`);
    }
  };

  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    const delay = options.delayMs ?? 0;
    if (delay <= 0) return answer(cmd, args);
    return new Promise((resolve) => setTimeout(resolve, delay)).then(() => answer(cmd, args));
  });
  return store;
}

/** Reads the `?mock-…` parameters listed at the top of this file from the page address. */
export function optionsFromLocation(search: string): MockOptions {
  const params = new URLSearchParams(search);
  const delay = Number(params.get("mock-delay") ?? "");
  const syncMs = Number(params.get("mock-sync-ms") ?? "");
  return {
    failOnce: params.getAll("mock-fail"),
    delayMs: Number.isFinite(delay) && delay > 0 ? Math.min(delay, 10_000) : 0,
    teamOffline: params.has("mock-offline"),
    syncStepMs: Number.isFinite(syncMs) && syncMs >= 0 && params.has("mock-sync-ms") ? Math.min(syncMs, 5_000) : undefined,
    noKeychain: params.has("mock-no-keychain"),
    firstRun: params.has("mock-first-run"),
    sysadminDay: params.has("mock-sysadmin-day"),
    synced: params.has("mock-synced"),
    networkDown: params.has("mock-network-down"),
  };
}
