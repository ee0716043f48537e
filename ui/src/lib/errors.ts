// The window's own words for what went wrong. The backend sends a code, a plain English
// message and, for the errors each face words its own way, the facts (`detail`): the
// `unsung` command names its flags, the window its fields, in the reader's language.
import type { AppError, ErrorCode, ErrorDetail, SyncProblem } from "./bindings";
import { t, words, type Args } from "./i18n.svelte";

/** Every code the backend may send; each has the window's own words in every language. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "invalid_input",
  "not_found",
  "forbidden",
  "offline",
  "storage",
  "source_failed",
  "internal",
];

/** Every reason a sync may fail for. */
export const SYNC_PROBLEMS: readonly SyncProblem[] = [
  "no_settings",
  "no_token",
  "settings",
  "token_refused",
  "rate_limited",
  "unreachable",
  "timeout",
  "server_error",
  "not_found",
  "bad_response",
];

/** A detail as its message and arguments. */
export function detailText(detail: ErrorDetail): string {
  const { reason, ...facts } = detail;
  return t(`ui-error-${reason}`, facts as Args);
}

/**
 * What to show for a backend error: its detail in the window's words; otherwise, in English
 * the backend's own plain message, and in another language the window's words for its code.
 */
export function errorText(error: Pick<AppError, "code" | "message" | "detail">): string {
  if (error.detail) return detailText(error.detail);
  if (words.lang === "en" && error.message.trim() !== "") return error.message;
  return t(`ui-error-${error.code}`);
}

/** Why one source did not sync, in the window's words ("it refused the token; …"). */
export function syncProblemText(problem: SyncProblem | null): string {
  return problem ? t(`ui-sync-problem-${problem}`) : t("ui-something-wrong");
}
