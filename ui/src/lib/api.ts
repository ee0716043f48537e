// The one module that talks to the Rust backend. Everything else calls these functions,
// so the UI also runs in a plain browser with `mockIPC` installed (tests, mock build).
import { Channel, invoke } from "@tauri-apps/api/core";
import { tick } from "svelte";
import { ERROR_CODES, errorText } from "./errors";
import { t } from "./i18n.svelte";
import { noteFirstViewShown } from "./later";
import { markStartup, startupMarks } from "./startup";
import type {
  AppError,
  Audience,
  ChannelView,
  Coaching,
  EmailSettingsInput,
  EmailSettingsView,
  ErrorCode,
  ErrorDetail,
  Lang,
  MailRecipientEntry,
  MailResult,
  NewChannel,
  NewSource,
  NewThankYou,
  Overview,
  PeriodKind,
  PersonEntry,
  Preferences,
  SavedShare,
  ServiceNameEntry,
  SendReport,
  ShareOptions,
  SharePreview,
  ShellEvent,
  SourceView,
  SyncEvent,
  SyncSummary,
  TeamStatus,
  ThankYou,
  ThankYouEdit,
  TimeZones,
} from "./bindings";


/** Said when a failure comes without a message of its own, in the reader's language. */
const fallbackMessage = (): string => t("ui-something-wrong");

/** A failed command. Implements `AppError`; the UI branches on `code` and words it (with
 * `detail`) itself: see `errorText` in errors.ts. */
export class ApiError extends Error implements AppError {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail | null;

  constructor(code: ErrorCode, message: string, detail: ErrorDetail | null = null) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.detail = detail;
  }

  toJSON(): AppError {
    return { code: this.code, message: this.message, detail: this.detail };
  }
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Turns whatever a rejected `invoke` gave us into an `ApiError`.
 * `{code, message, detail}` from the backend keeps its code and detail (an unknown code
 * becomes "internal"), and its message becomes the window's own words for it (`errorText`);
 * anything else (a bare string, an Error, undefined) becomes code "internal".
 */
export function toAppError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message, detail } = reason as { code?: unknown; message?: unknown; detail?: unknown };
    const text = typeof message === "string" && message.trim() !== "" ? message : fallbackMessage();
    const known = typeof detail === "object" && detail !== null && "reason" in detail ? (detail as ErrorDetail) : null;
    if (typeof code === "string") {
      const error = { code: isErrorCode(code) ? code : "internal", message: text, detail: isErrorCode(code) ? known : null };
      // Shown as the window words it; the backend's message stays in the log it came from.
      return new ApiError(error.code, errorText(error), error.detail);
    }
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
export async function getOverview(
  period: PeriodKind,
  lang: Lang = "en",
  audience: Audience = "family",
): Promise<Overview> {
  markStartup("asked");
  const overview = await call<Overview>("get_overview", { period, lang, audience });
  markStartup("answered");
  return overview;
}

/** Saves a thank-you note and returns it as stored (id, created_at). */
export function postThanks(note: NewThankYou): Promise<ThankYou> {
  return call<ThankYou>("post_thanks", { note });
}

/** The wall, newest first. `null` lets the backend pick its default limit. */
export function listThanks(limit: number | null = null): Promise<ThankYou[]> {
  return call<ThankYou[]>("list_thanks", { limit });
}

/** Changes the words or recipients of one of `edit.author`'s notes. */
export function editThanks(edit: ThankYouEdit): Promise<ThankYou> {
  return call<ThankYou>("edit_thanks", { edit });
}

/** Deletes one of `author`'s notes (or withdraws it if it is still waiting to be sent). */
export function deleteThanks(id: string, author: string): Promise<void> {
  return call<void>("delete_thanks", { id, author });
}

/** Settings → People: the team, by name. */
export function listPeople(): Promise<PersonEntry[]> {
  return call<PersonEntry[]>("list_people", {});
}

/** Adds a person or changes their other names; returns the team as it is now. */
export function savePerson(person: PersonEntry): Promise<PersonEntry[]> {
  return call<PersonEntry[]>("save_person", { person });
}

/** Takes a person off the list; returns the team as it is now. */
export function removePerson(name: string): Promise<PersonEntry[]> {
  return call<PersonEntry[]>("remove_person", { name });
}

/** Where the team database stands (it is contacted to find out). */
export function teamStatus(): Promise<TeamStatus> {
  return call<TeamStatus>("team_status", {});
}

/** Sets the team database in Settings (`null` clears it). The URL carries no password. */
export function setTeamDb(url: string | null): Promise<TeamStatus> {
  return call<TeamStatus>("set_team_db", { url });
}

/** Sends the notes waiting for the team database now. */
export function sendWaiting(): Promise<SendReport> {
  return call<SendReport>("send_waiting", {});
}

/** Settings → Family and friends: the mail server, without its password ("set: yes/no"). */
export function getEmailSettings(): Promise<EmailSettingsView> {
  return call<EmailSettingsView>("get_email_settings", {});
}

/** Keeps the mail server; the password (if given) goes to the keychain and never comes back. */
export function setEmailSettings(settings: EmailSettingsInput): Promise<EmailSettingsView> {
  return call<EmailSettingsView>("set_email_settings", { settings });
}

/** The people the story is emailed to. */
export function listMailRecipients(): Promise<MailRecipientEntry[]> {
  return call<MailRecipientEntry[]>("list_mail_recipients", {});
}

/** Adds someone to tell (or changes the person with that address); returns the list. */
export function saveMailRecipient(person: MailRecipientEntry): Promise<MailRecipientEntry[]> {
  return call<MailRecipientEntry[]>("save_mail_recipient", { person });
}

export function removeMailRecipient(address: string): Promise<MailRecipientEntry[]> {
  return call<MailRecipientEntry[]>("remove_mail_recipient", { address });
}

/** Share → Send now: the period shown, by email to everyone in Family and friends. */
export function emailNow(period: PeriodKind): Promise<MailResult[]> {
  return call<MailResult[]>("email_now", { period });
}

/** Settings → Team chat: the channels thank-yous go to. Never a webhook URL or token. */
export function listChannels(): Promise<ChannelView[]> {
  return call<ChannelView[]>("list_channels", {});
}

/** Adds a channel; its webhook URL or token is sent this once and kept in the keychain. */
export function addChannel(channel: NewChannel): Promise<ChannelView[]> {
  return call<ChannelView[]>("add_channel", { channel });
}

export function removeChannel(name: string): Promise<ChannelView[]> {
  return call<ChannelView[]>("remove_channel", { name });
}

/** Settings → Sources: the connected sources, by name. Never a token. */
export function listSources(): Promise<SourceView[]> {
  return call<SourceView[]>("list_sources", {});
}

/**
 * Adds a source (or changes the one with that name). Its token, if any, is sent this once and
 * kept in the keychain; nothing ever sends it back.
 */
export function addSource(source: NewSource): Promise<SourceView> {
  return call<SourceView>("add_source", { source });
}

/** Removes a source, what it brought, and its token. */
export function removeSource(name: string): Promise<void> {
  return call<void>("remove_source", { name });
}

/** Tries a source's address and token with one cheap request; says what it found. */
export function testSource(name: string): Promise<string> {
  return call<string>("test_source", { name });
}

/**
 * Syncs every source (or only `only`). `onEvent` hears each step as it happens (started, step,
 * finished, done); the promise gives the summary at the end.
 */
export function syncSources(only: string | null, onEvent: (event: SyncEvent) => void): Promise<SyncSummary> {
  const channel = new Channel<SyncEvent>(onEvent);
  return call<SyncSummary>("sync_sources", { only, onEvent: channel });
}

/** The reader's own settings: name, time zone, working hours, the weekly notice, whether
 * they went through the welcome. Defaults come from the machine (its time zone). */
export function getPreferences(): Promise<Preferences> {
  return call<Preferences>("get_preferences", {});
}

/** The zones to choose from: each place once under its current name, by region, and this machine's. */
export function getTimeZones(): Promise<TimeZones> {
  return call<TimeZones>("time_zones", {});
}

/** Checks and keeps the reader's settings (and marks the welcome as done); returns them as kept. */
export function savePreferences(preferences: Preferences): Promise<Preferences> {
  return call<Preferences>("save_preferences", { preferences });
}

/**
 * Hears what happens outside the window (the weekly notification clicked: show This week)
 * through a channel the window opens once, so it needs no event permission.
 */
export function listenShell(onEvent: (event: ShellEvent) => void): Promise<void> {
  const channel = new Channel<ShellEvent>(onEvent);
  return call<void>("listen_shell", { onEvent: channel });
}

/** A share command: `period` (in `lang`, told for `audience`) with the reader's choices. */
type ShareRequest<T> = (period: PeriodKind, options: ShareOptions, lang?: Lang, audience?: Audience) => Promise<T>;

const shareCommand =
  <T>(command: "share_preview" | "share_save" | "share_copy"): ShareRequest<T> =>
  (period, options, lang = "en", audience = "family") =>
    call<T>(command, { period, options, lang, audience });

/** Exactly what Save or Copy would share, after the privacy pass. */
export const sharePreview = shareCommand<SharePreview>("share_preview");

/**
 * Asks where to save (the system's save dialog, opened by the backend) and saves the file
 * there. `null` when the user cancels. The UI never sends a path or the file's contents.
 */
export const shareSave = shareCommand<SavedShare | null>("share_save");

/** Puts the story's text (after the privacy pass) on the clipboard, from the backend. */
export const shareCopy = shareCommand<void>("share_copy");

/**
 * Tells the backend that the first view is on screen (`shown`: the story, or the welcome on a
 * first run): after the DOM is updated and the next two frames, so it has been painted. The
 * backend writes the time down only when a benchmark or a packaging test asked it to; nobody
 * waits for the answer, and a failure changes nothing.
 */
export async function reportFirstView(shown: "story" | "welcome"): Promise<void> {
  await tick();
  markStartup("updated");
  await new Promise<void>((painted) => requestAnimationFrame(() => requestAnimationFrame(() => painted())));
  markStartup("painted");
  markStartup(shown);
  // The rest of the page may come now (later.ts).
  noteFirstViewShown();
  try {
    await invoke<void>("story_shown", { marks: startupMarks() });
  } catch {
    // Only a benchmark or a packaging test reads the mark; the user never needs to know.
  }
}

/** How plain a "what got better" text is, for the coaching shown as one types. */
export function coachText(text: string, lang: Lang): Promise<Coaching> {
  return call<Coaching>("coach_text", { text, lang });
}

/** Keeps what got better after an incident (and whether it was practice); returns its coaching. */
export function explainIncident(incidentId: string, text: string, practice: boolean, lang: Lang): Promise<Coaching> {
  return call<Coaching>("explain_incident", { incidentId, text, practice, lang });
}

/** Every service with its friendly name and a suggested one, for Settings → Service names. */
export function listServiceNames(lang: Lang): Promise<ServiceNameEntry[]> {
  return call<ServiceNameEntry[]>("list_service_names", { lang });
}

/** Gives a service its friendly name (`null` takes it away). */
export function setServiceName(serviceId: string, name: string | null): Promise<void> {
  return call<void>("set_service_name", { serviceId, name });
}
