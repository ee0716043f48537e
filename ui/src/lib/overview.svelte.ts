// Loading the overview for the chosen period, with loading and error states.
import { getOverview, toAppError } from "./api";
import type { AppError, Overview, PeriodKind } from "./bindings";
import { words } from "./i18n.svelte";
import { DEFAULT_PERIOD } from "./periods";

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
      const overview = await getOverview(period, words.lang, words.audience);
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
