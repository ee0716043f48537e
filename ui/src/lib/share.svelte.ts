// The Share view's choices and what they produce: a preview of exactly what would leave the
// computer, then Save (the backend asks where) or Copy. Lives above the views, so the choices
// survive a switch to another view and back.
import { shareCopy, sharePreview, shareSave, toAppError } from "./api";
import type { AppError, CardSize, PeriodKind, ShareFormat, ShareOptions, SharePreview } from "./bindings";
import { t, words } from "./i18n.svelte";

const CUSTOMERS_KEY = "unsung.share.customers";

/** The formats, in the order the view offers them; their words are `ui-share-format-*`. */
export const FORMATS: readonly ShareFormat[] = ["png", "pdf", "html", "text"];

/** The card sizes; their words are `ui-share-size-*`. */
export const SIZES: readonly CardSize[] = ["landscape", "portrait"];

function remembered(): string {
  try {
    return globalThis.localStorage?.getItem(CUSTOMERS_KEY) ?? "";
  } catch {
    return "";
  }
}

/** One name per line, blank lines skipped. */
export function parseNames(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** "107 KB", "1.3 MB", in the reader's language. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return t("ui-share-bytes", { n: bytes });
  if (bytes < 1_000_000) return t("ui-share-kb", { n: Math.round(bytes / 1000) });
  return t("ui-share-mb", { n: Math.round(bytes / 100_000) / 10 });
}

export class ShareState {
  format = $state<ShareFormat>("png");
  size = $state<CardSize>("landscape");
  showTeammates = $state(false);
  /** The user's list of customer names to leave out, one per line (kept on this computer). */
  customers = $state(remembered());
  preview = $state<SharePreview | null>(null);
  loading = $state(false);
  busy = $state(false);
  error = $state<AppError | null>(null);
  /** A short confirmation ("Saved to …", "Copied."). */
  notice = $state("");
  #request = 0;

  options(): ShareOptions {
    return {
      format: this.format,
      size: this.size,
      customer_names: parseNames(this.customers),
      show_teammates: this.showTeammates,
    };
  }

  rememberCustomers(): void {
    try {
      globalThis.localStorage?.setItem(CUSTOMERS_KEY, this.customers);
    } catch {
      // Storage may be unavailable: the list then lasts as long as the window.
    }
  }

  /** Makes the preview for `period` with the current choices, in the chosen language and for
   * the chosen audience; the latest request wins. */
  async refresh(period: PeriodKind): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    this.error = null;
    this.notice = "";
    try {
      const preview = await sharePreview(period, this.options(), words.lang, words.audience);
      if (request !== this.#request) return;
      this.preview = preview;
    } catch (reason) {
      if (request !== this.#request) return;
      this.error = toAppError(reason);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  async save(period: PeriodKind): Promise<void> {
    await this.#act(async () => {
      const saved = await shareSave(period, this.options(), words.lang, words.audience);
      this.notice = saved ? t("ui-share-saved", { path: saved.path, size: fileSize(saved.bytes) }) : "";
    });
  }

  async copy(period: PeriodKind): Promise<void> {
    await this.#act(async () => {
      await shareCopy(period, this.options(), words.lang, words.audience);
      this.notice = t("ui-share-copied");
    });
  }

  async #act(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = null;
    this.notice = "";
    try {
      await action();
    } catch (reason) {
      this.error = toAppError(reason);
    } finally {
      this.busy = false;
    }
  }
}
