// "Sync now": runs one sync at a time, follows its events (which source, which step, "2 of 3")
// and turns the summary into a short result. Lives above the views, so This week and
// Settings → Sources show the same sync, and the overview reloads once it is over.
import { listServiceNames, syncSources, toAppError } from "./api";
import { syncProblemText } from "./errors";
import type { AppError, SyncEvent, SyncSummary } from "./bindings";
import { t, words } from "./i18n.svelte";

/** Set once the reader was asked for friendly service names, so they are asked only once. */
const NAMES_ASKED_KEY = "unsung.service-names-asked";

function namesAsked(): boolean {
  try {
    return globalThis.localStorage?.getItem(NAMES_ASKED_KEY) === "1";
  } catch {
    return false;
  }
}

/** Where a running sync is. `index` counts from 0; `done` is how many sources finished. */
export type SyncProgress = { source: string; index: number; total: number; step: string | null; done: number };

/** The progress after one more event (`null` once the sync is over). */
export function nextProgress(progress: SyncProgress | null, event: SyncEvent): SyncProgress | null {
  switch (event.event) {
    case "started":
      return { source: event.source, index: event.index, total: event.total, step: null, done: progress?.done ?? 0 };
    case "step":
      return progress && progress.source === event.source ? { ...progress, step: event.step } : progress;
    case "finished":
      return progress ? { ...progress, step: null, done: progress.done + 1 } : progress;
    case "done":
      return null;
  }
}

/** "Syncing “pagerduty”, 2 of 3: incidents from 1 May…" */
export function progressText(progress: SyncProgress | null): string {
  if (!progress) return t("ui-sync-starting");
  const args = { name: progress.source, n: progress.index + 1, total: progress.total };
  return progress.step ? t("ui-sync-step", { ...args, step: progress.step }) : t("ui-sync-source", args);
}

/** How a finished sync went, in words: one line, and each failure when more than one failed. */
export type SyncOutcome = { ok: boolean; text: string; failures: { name: string; message: string }[] };

export function syncOutcome(summary: SyncSummary): SyncOutcome {
  const failed = summary.sources
    .filter((s) => !s.ok)
    .map((s) => ({ name: s.name, message: syncProblemText(s.problem) }));
  const synced = summary.sources.length - failed.length;
  const parts: string[] = [];
  if (summary.sources.length === 0) {
    parts.push(t("ui-sync-nothing"));
  } else if (failed.length === 0) {
    parts.push(t("ui-sync-all", { count: synced, name: summary.sources[0].name }));
  } else if (failed.length === 1) {
    const [{ name, message }] = failed;
    parts.push(t("ui-sync-one-failed", { name, message }), t("ui-sync-kept"));
  } else {
    parts.push(t("ui-sync-many-failed", { count: failed.length }), t("ui-sync-kept"));
  }
  if (failed.length > 0 && synced > 0) parts.push(t("ui-sync-others-ok", { count: synced }));
  const team = summary.team;
  if (team && team.sent > 0) parts.push(t("ui-waiting-sent", { count: team.sent }));
  if (team && team.problem !== null && team.waiting > 0) parts.push(t("ui-still-waiting", { problem: team.problem }));
  return { ok: failed.length === 0, text: parts.join(" "), failures: failed.length > 1 ? failed : [] };
}

export class SyncState {
  running = $state(false);
  progress = $state<SyncProgress | null>(null);
  outcome = $state<SyncOutcome | null>(null);
  error = $state<AppError | null>(null);
  /** After the first sync that brought services without friendly names: ask for them. */
  askNames = $state(false);
  readonly #after: () => Promise<unknown>;

  /** `after` runs once a sync is over, whatever its result (reload what it may have changed). */
  constructor(after: () => Promise<unknown> = async () => {}) {
    this.#after = after;
  }

  /** What a screen reader hears and the line under the button says. */
  get status(): string {
    if (this.running) return progressText(this.progress);
    if (this.error) return t("ui-sync-error", { message: this.error.message });
    return this.outcome?.text ?? "";
  }

  /** Syncs every source (or only `only`). A second press while one runs does nothing. */
  async run(only: string | null = null): Promise<SyncSummary | null> {
    if (this.running) return null;
    this.running = true;
    this.progress = null;
    this.outcome = null;
    this.error = null;
    try {
      const summary = await syncSources(only, (event) => {
        this.progress = nextProgress(this.progress, event);
      });
      this.outcome = syncOutcome(summary);
      if (summary.sources.some((s) => s.ok && s.services > 0) && !namesAsked()) {
        const services = await listServiceNames(words.lang).catch(() => []);
        this.askNames = services.some((s) => s.friendly_name === null);
      }
      return summary;
    } catch (reason) {
      this.error = toAppError(reason);
      return null;
    } finally {
      this.running = false;
      this.progress = null;
      await this.#after();
    }
  }

  /** The reader saw the question (followed it or not): it is not asked again. */
  namesAnswered(): void {
    this.askNames = false;
    try {
      globalThis.localStorage?.setItem(NAMES_ASKED_KEY, "1");
    } catch {
      // Without storage it may be asked again after a restart; nothing else depends on it.
    }
  }
}
