// The thank-you wall and the note being written. Lives above the views, so a half-written
// note survives a switch to "This week" and back.
import { listThanks, postThanks, toAppError } from "./api";
import type { AppError, ThankYou } from "./bindings";
import { joinNames } from "./format";
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

export class ThanksState {
  /** Newest first. */
  items = $state<ThankYou[]>([]);
  author = $state(rememberedAuthor());
  recipients = $state("");
  message = $state("");
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
    return { code: "invalid_input", message };
  }

  /** Sends the draft. On success the note goes on top of the wall and the draft clears. */
  async submit(): Promise<ThankYou | null> {
    if (this.sending) return null;
    this.notice = "";
    this.error = this.validate();
    if (this.error) return null;
    this.sending = true;
    try {
      const author = this.author.trim();
      const saved = await postThanks({
        author,
        recipients: parseRecipients(this.recipients),
        incident_id: null,
        message: this.message,
      });
      this.#posted = [saved, ...this.#posted];
      this.items = [saved, ...this.items.filter((t) => t.id !== saved.id)];
      rememberAuthor(author);
      this.notice = t("ui-sent", { names: joinNames(saved.recipients) });
      this.message = "";
      this.recipients = "";
      return saved;
    } catch (reason) {
      this.error = toAppError(reason);
      return null;
    } finally {
      this.sending = false;
    }
  }
}
