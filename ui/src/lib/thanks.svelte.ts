// The thank-you wall and the note being written (or changed). Lives above the views, so a
// half-written note survives a switch to "This week" and back, and "Thank whoever fixed this"
// on an incident can start a note here.
import { deleteThanks, editThanks, listThanks, postThanks, sendWaiting, toAppError } from "./api";
import type { AppError, IncidentView, Period, ThankYou } from "./bindings";
import { formatDays, formatWeekday, joinNames } from "./format";
import { t } from "./i18n.svelte";
import { parseRecipients } from "./recipients";

const AUTHOR_KEY = "unsung.author";

function rememberedAuthor(): string {
  try {
    return globalThis.localStorage?.getItem(AUTHOR_KEY) ?? "";
  } catch {
    return "";
  }
}

function rememberAuthor(name: string): void {
  try {
    globalThis.localStorage?.setItem(AUTHOR_KEY, name);
  } catch {
    // Storage may be unavailable; remembering the name is only a convenience.
  }
}

/** Which field a validation problem belongs to, so the form can point at it. */
export type DraftField = "author" | "recipients" | "message";

/** What the note being written thanks for: an incident, or a period. */
export type DraftAbout =
  | { kind: "incident"; incident_id: string; label: string }
  | { kind: "period"; from: string; to: string; label: string };

/** What a note thanks for, in the reader's language: "Payments failing, Tue 24 Nov", or the
 * period's days. `null` for a note about nothing in particular (or an incident not kept here). */
export function aboutLine(note: ThankYou): string | null {
  if (note.incident_id !== null) {
    if (note.incident_title === null) return null;
    return note.incident_opened_at === null
      ? note.incident_title
      : `${note.incident_title}, ${formatWeekday(note.incident_opened_at)}`;
  }
  if (note.period_from !== null && note.period_to !== null) return formatDays(note.period_from, note.period_to);
  return null;
}

export class ThanksState {
  /** Newest first. */
  items = $state<ThankYou[]>([]);
  author = $state(rememberedAuthor());
  /** With a team database: the name notes from here are signed with (the author is fixed). */
  me = $state<string | null>(null);
  recipients = $state("");
  message = $state("");
  about = $state<DraftAbout | null>(null);
  /** The note being changed, if the form is changing one. */
  editing = $state<ThankYou | null>(null);
  sending = $state(false);
  error = $state<AppError | null>(null);
  invalid = $state<DraftField | null>(null);
  /** A short confirmation after a note went up ("Your thank-you to Ana is on the wall."). */
  notice = $state("");
  /** Notes posted here; kept on top if a list fetched earlier does not have them yet. */
  #posted: ThankYou[] = [];

  /** Replaces the wall with a list from the backend (newest first). */
  show(list: readonly ThankYou[]): void {
    const known = new Set(list.map((t) => t.id));
    this.items = [...this.#posted.filter((t) => !known.has(t.id)), ...list];
  }

  /** The team database's name for this computer, if there is one: notes are signed with it. */
  useMe(me: string | null): void {
    this.me = me;
    if (me !== null) this.author = me;
  }

  /** The reader's name from their settings signs their notes, unless a team database names them. */
  useName(name: string): void {
    const trimmed = name.trim();
    if (this.me === null && this.editing === null && trimmed !== "") this.author = trimmed;
  }

  /** Notes still waiting for the team database (not refused). */
  get waitingCount(): number {
    return this.items.filter((t) => t.waiting_to_send && !t.send_refused).length;
  }

  /** True for a note the person at the keyboard wrote (so may change or delete). */
  isMine(note: ThankYou): boolean {
    if (note.is_demo) return false;
    const me = (this.me ?? this.author).trim();
    return me !== "" && note.author === me;
  }

  /** True when `name` is already in the recipients field (any case). */
  hasRecipient(name: string): boolean {
    const key = name.toLocaleLowerCase();
    return parseRecipients(this.recipients).some((n) => n.toLocaleLowerCase() === key);
  }

  /** Adds `name` to the recipients field, or takes it out if it is there. */
  toggleRecipient(name: string): void {
    const key = name.toLocaleLowerCase();
    const names = parseRecipients(this.recipients);
    const kept = names.filter((n) => n.toLocaleLowerCase() !== key);
    this.recipients = (kept.length === names.length ? [...names, name] : kept).join(", ");
  }

  /** Fills in the author from the team list when nobody is remembered yet. */
  suggestAuthor(people: readonly string[]): void {
    if (this.author.trim() === "" && people.length > 0) this.author = people[0];
  }

  /** Starts a note to whoever fixed `incident`, about that incident. */
  thankFixer(incident: IncidentView): void {
    this.cancelEdit();
    const me = (this.me ?? this.author).trim();
    const fixers = incident.fixed_by.filter((name) => name !== me);
    this.recipients = fixers.join(", ");
    this.about = { kind: "incident", incident_id: incident.id, label: incident.title };
    this.notice = "";
    this.error = null;
  }

  /** Ties the note being written to `period` (the one "This week" shows). */
  aboutPeriod(period: Period): void {
    this.about = { kind: "period", from: period.from, to: period.to, label: period.label };
  }

  clearAbout(): void {
    this.about = null;
  }

  /** Loads one of the user's notes into the form to change it. */
  startEdit(note: ThankYou): void {
    this.editing = note;
    this.recipients = note.recipients.join(", ");
    this.message = note.message;
    this.about = null;
    this.notice = "";
    this.error = null;
    this.invalid = null;
  }

  cancelEdit(): void {
    if (this.editing === null) return;
    this.editing = null;
    this.recipients = "";
    this.message = "";
  }

  /** Fetches the whole wall; on failure keeps what is shown and reports the error. */
  async refresh(limit: number | null = null): Promise<void> {
    try {
      this.show(await listThanks(limit));
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  /** Checks the draft; returns a sentence for the reader, or null when it can be sent. */
  validate(): AppError | null {
    if (this.author.trim() === "") return this.#invalid("author", t("ui-need-author"));
    if (parseRecipients(this.recipients).length === 0) return this.#invalid("recipients", t("ui-need-recipients"));
    if (this.message.trim() === "") return this.#invalid("message", t("ui-need-message"));
    this.invalid = null;
    return null;
  }

  #invalid(field: DraftField, message: string): AppError {
    this.invalid = field;
    return { code: "invalid_input", message, detail: null };
  }

  #replace(note: ThankYou): void {
    this.items = this.items.map((t) => (t.id === note.id ? note : t));
    this.#posted = this.#posted.map((t) => (t.id === note.id ? note : t));
  }

  /** Sends the draft (or the changes). On success the wall shows it and the draft clears. */
  async submit(): Promise<ThankYou | null> {
    if (this.sending) return null;
    this.notice = "";
    this.error = this.validate();
    if (this.error) return null;
    this.sending = true;
    try {
      const author = this.author.trim();
      const recipients = parseRecipients(this.recipients);
      let saved: ThankYou;
      if (this.editing) {
        saved = await editThanks({ id: this.editing.id, author, recipients, message: this.message });
        this.#replace(saved);
        this.editing = null;
        this.notice = t("ui-thanks-changed");
      } else {
        const about = this.about;
        saved = await postThanks({
          author,
          recipients,
          incident_id: about?.kind === "incident" ? about.incident_id : null,
          period_from: about?.kind === "period" ? about.from : null,
          period_to: about?.kind === "period" ? about.to : null,
          message: this.message,
        });
        this.#posted = [saved, ...this.#posted];
        this.items = [saved, ...this.items.filter((t) => t.id !== saved.id)];
        const names = joinNames(saved.recipients);
        this.notice = saved.waiting_to_send ? t("ui-sent-waiting", { names }) : t("ui-sent", { names });
      }
      rememberAuthor(author);
      this.message = "";
      this.recipients = "";
      this.about = null;
      return saved;
    } catch (reason) {
      this.error = toAppError(reason);
      return null;
    } finally {
      this.sending = false;
    }
  }

  /** Deletes one of the user's notes. */
  async remove(note: ThankYou): Promise<boolean> {
    this.notice = "";
    this.error = null;
    try {
      await deleteThanks(note.id, (this.me ?? this.author).trim());
      this.items = this.items.filter((t) => t.id !== note.id);
      this.#posted = this.#posted.filter((t) => t.id !== note.id);
      if (this.editing?.id === note.id) this.cancelEdit();
      this.notice = t("ui-thanks-deleted");
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    }
  }

  /** Tries to send the waiting notes now, then shows the wall as it is. */
  async sendNow(): Promise<void> {
    this.notice = "";
    this.error = null;
    try {
      const report = await sendWaiting();
      if (report.problem !== null) {
        this.error = { code: "offline", message: t("ui-still-waiting", { problem: report.problem }), detail: null };
      } else {
        this.notice = t("ui-waiting-sent", { count: report.sent });
      }
      this.#posted = [];
      await this.refresh();
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }
}
