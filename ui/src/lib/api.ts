// The one module that talks to the Rust backend. Everything else calls these functions,
// so the UI also runs in a plain browser with `mockIPC` installed (tests, mock build).
import { invoke } from "@tauri-apps/api/core";
import { t } from "./i18n.svelte";
import type { AppError, Audience, ErrorCode, Lang, NewThankYou, Overview, PeriodKind, ThankYou } from "./bindings";

const ERROR_CODES: readonly ErrorCode[] = ["invalid_input", "not_found", "storage", "internal"];

/** Said when a failure comes without a message of its own, in the reader's language. */
const fallbackMessage = (): string => t("ui-something-wrong");

/** A failed command. Implements `AppError`; the UI branches on `code`, shows `message` as is. */
export class ApiError extends Error implements AppError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "ApiError";
    this.code = code;
  }

  toJSON(): AppError {
    return { code: this.code, message: this.message };
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Turns whatever a rejected `invoke` gave us into an `ApiError`.
 * `{code, message}` from the backend is kept (an unknown code becomes "internal");
 * anything else (a bare string, an Error, undefined) becomes code "internal".
 */
export function toAppError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    const text = typeof message === "string" && message.trim() !== "" ? message : fallbackMessage();
    if (typeof code === "string") return new ApiError(isErrorCode(code) ? code : "internal", text);
    return new ApiError("internal", text);
  }
  if (typeof reason === "string" && reason.trim() !== "") return new ApiError("internal", reason);
  return new ApiError("internal", fallbackMessage());
}

async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

/** The story (in `lang`, told for `audience`), uptime, incidents and thank-yous for one period. */
export function getOverview(period: PeriodKind, lang: Lang = "en", audience: Audience = "family"): Promise<Overview> {
  return call<Overview>("get_overview", { period, lang, audience });
}

/** Saves a thank-you note and returns it as stored (id, created_at). */
export function postThanks(note: NewThankYou): Promise<ThankYou> {
  return call<ThankYou>("post_thanks", { note });
}

/** The wall, newest first. `null` lets the backend pick its default limit. */
export function listThanks(limit: number | null = null): Promise<ThankYou[]> {
  return call<ThankYou[]>("list_thanks", { limit });
}
