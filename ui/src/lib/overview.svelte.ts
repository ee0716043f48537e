// Loading the overview for the chosen period, with loading and error states.
import { getOverview, toAppError } from "./api";
import type { AppError, Overview, PeriodKind } from "./bindings";
import { words } from "./i18n.svelte";
import { DEFAULT_PERIOD } from "./periods";

/** An overview asked for before the page was built, and what it was asked for. */
let early: { key: string; answer: Promise<Overview> } | null = null;

function requestKey(period: PeriodKind): string {
  return `${period}|${words.lang}|${words.audience}`;
}

/**
 * Asks for the first overview at once, while the page is still being built, so the backend's
 * work and the page's overlap (start-up). The first `load` of the same period, language and
 * audience takes this answer instead of asking again.
 */
export function askEarly(period: PeriodKind = DEFAULT_PERIOD): void {
  const answer = getOverview(period, words.lang, words.audience);
  // A failure is reported by the `load` that takes it; until then it is not "unhandled".
  answer.catch(() => {});
  early = { key: requestKey(period), answer };
}

/** The early answer if it is for this request; each is used once. */
function takeEarly(period: PeriodKind): Promise<Overview> | null {
  const taken = early && early.key === requestKey(period) ? early.answer : null;
  early = null;
  return taken;
}

export class OverviewState {
  period = $state<PeriodKind>(DEFAULT_PERIOD);
  data = $state<Overview | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  /** Only the latest request may write its answer (a fast click on two periods). */
  #request = 0;

  /** Loads `period` (the current one by default) in the chosen language, for the chosen
   * audience. Keeps the last overview on screen meanwhile. */
  async load(period: PeriodKind = this.period): Promise<void> {
    const request = ++this.#request;
    this.period = period;
    this.loading = true;
    this.error = null;
    try {
      const overview = await (takeEarly(period) ?? getOverview(period, words.lang, words.audience));
      if (request !== this.#request) return;
      this.data = overview;
    } catch (reason) {
      if (request !== this.#request) return;
      this.error = toAppError(reason);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
