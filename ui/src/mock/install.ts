// Stands in for the Rust backend when the UI runs in a plain browser (`vite build --mode mock`)
// or in Vitest. Answers the three commands from the fixture and keeps posted notes in memory.
//
// Query parameters (mock build only) to exercise the unhappy paths:
//   ?mock-fail=get_overview   the first call of that command rejects with a storage error
//   ?mock-delay=800           every answer waits that many milliseconds
import { mockIPC } from "@tauri-apps/api/mocks";
import type { AppError, Audience, Lang, NewThankYou, PeriodKind, ThankYou } from "../lib/bindings";
import { PERIODS } from "../lib/periods";
import { buildOverview, DEMO_THANKS } from "./fixture";

export type MockOptions = {
  /** Commands whose first call fails. */
  failOnce?: string[];
  /** Milliseconds to wait before each answer. */
  delayMs?: number;
};

const reject = (code: AppError["code"], message: string): Promise<never> =>
  Promise.reject({ code, message } satisfies AppError);

/** Installs the mock; returns the in-memory wall and the overview requests (for tests). */
export type OverviewCall = { period: PeriodKind; lang: Lang; audience: Audience };

export function installMock(options: MockOptions = {}): { thanks: ThankYou[]; calls: OverviewCall[] } {
  const store = { thanks: [...DEMO_THANKS], calls: [] as OverviewCall[] };
  const failOnce = new Set(options.failOnce ?? []);
  let next = 1;

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
        return buildOverview(period, store.thanks, lang, audience);
      }
      case "list_thanks": {
        const limit = args.limit;
        return typeof limit === "number" ? store.thanks.slice(0, limit) : [...store.thanks];
      }
      case "post_thanks": {
        const note = args.note as NewThankYou;
        const recipients = (note.recipients ?? []).map((r) => r.trim()).filter((r) => r !== "");
        if ((note.author ?? "").trim() === "") return reject("invalid_input", "Please say who the thank-you is from.");
        if (recipients.length === 0) return reject("invalid_input", "Please add at least one person to thank.");
        if ((note.message ?? "").trim() === "") return reject("invalid_input", "The message is empty.");
        const saved: ThankYou = {
          id: `thx-new-${next++}`,
          author: note.author.trim(),
          recipients,
          message: note.message,
          incident_id: note.incident_id,
          created_at: new Date().toISOString(),
          is_demo: false,
        };
        store.thanks.unshift(saved);
        return saved;
      }
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

/** Reads `?mock-fail=` and `?mock-delay=` from the page address. */
export function optionsFromLocation(search: string): MockOptions {
  const params = new URLSearchParams(search);
  const delay = Number(params.get("mock-delay") ?? "");
  return {
    failOnce: params.getAll("mock-fail"),
    delayMs: Number.isFinite(delay) && delay > 0 ? Math.min(delay, 10_000) : 0,
  };
}
