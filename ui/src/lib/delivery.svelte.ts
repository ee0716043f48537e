// Settings → Family and friends (the mail server and the people the story is emailed to),
// Settings → Team chat (where thank-yous go), and Share → Send now. Secrets (the SMTP password,
// webhook URLs, Matrix tokens) are sent once and never come back: the backend only says
// whether one is set. Each action keeps the state as the backend has it afterwards.
import {
  addChannel,
  emailNow,
  getEmailSettings,
  listChannels,
  listMailRecipients,
  removeChannel,
  removeMailRecipient,
  saveMailRecipient,
  setEmailSettings,
  toAppError,
} from "./api";
import type { AppError, ChannelView, EmailSettingsView, Lang, MailRecipientEntry, MailResult, PeriodKind } from "./bindings";
import { t } from "./i18n.svelte";

export const CHAT_KINDS = ["slack", "mattermost", "discord", "teams", "matrix"] as const;
export type ChatKind = (typeof CHAT_KINDS)[number];

export function isChatKind(value: string): value is ChatKind {
  return (CHAT_KINDS as readonly string[]).includes(value);
}

export class DeliveryState {
  email = $state<EmailSettingsView | null>(null);
  people = $state<MailRecipientEntry[]>([]);
  channels = $state<ChannelView[]>([]);
  busy = $state(false);
  error = $state<AppError | null>(null);
  notice = $state("");

  smtp = $state("");
  sender = $state("");
  /** Typed, sent once on save, then cleared. */
  password = $state("");
  certificate = $state("");

  newName = $state("");
  newAddress = $state("");
  newLang = $state<Lang>("en");
  newShowNames = $state(false);
  newWeekly = $state(false);

  channelKind = $state<ChatKind>("slack");
  channelName = $state("");
  /** The webhook URL, or Matrix's access token: sent once, then cleared. */
  channelSecret = $state("");
  homeserver = $state("");
  room = $state("");
  channelLang = $state<Lang>("en");

  /** What the last Send now did, one line per person. */
  results = $state<MailResult[] | null>(null);

  async load(): Promise<void> {
    this.error = null;
    try {
      const [email, people, channels] = await Promise.all([getEmailSettings(), listMailRecipients(), listChannels()]);
      this.email = email ?? null;
      this.people = people ?? [];
      this.channels = channels ?? [];
      // What was typed while this loaded is kept (the form is there at once).
      this.smtp ||= email?.smtp ?? "";
      this.sender ||= email?.sender ?? "";
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  async #run(action: () => Promise<void>, notice: () => string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = null;
    this.notice = "";
    try {
      await action();
      this.notice = notice();
      return true;
    } catch (reason) {
      this.error = toAppError(reason);
      return false;
    } finally {
      this.busy = false;
    }
  }

  async saveEmail(): Promise<boolean> {
    const password = this.password === "" ? null : this.password;
    const certificate = this.certificate.trim() === "" ? null : this.certificate;
    const saved = await this.#run(async () => {
      this.email = await setEmailSettings({
        smtp: this.smtp.trim(),
        sender: this.sender.trim(),
        password,
        trusted_certificate: certificate,
      });
    }, () => t("ui-email-saved"));
    if (saved) this.password = "";
    return saved;
  }

  async addPerson(): Promise<boolean> {
    const name = this.newName.trim();
    const address = this.newAddress.trim();
    if (name === "" || address === "") {
      this.error = { code: "invalid_input", message: t("ui-family-need-both"), detail: null };
      return false;
    }
    const added = await this.#run(async () => {
      this.people = await saveMailRecipient({
        name,
        address,
        lang: this.newLang,
        show_names: this.newShowNames,
        weekly: this.newWeekly,
      });
    }, () => t("ui-family-added", { name }));
    if (added) {
      this.newName = "";
      this.newAddress = "";
      this.newShowNames = false;
      this.newWeekly = false;
    }
    return added;
  }

  async removePerson(person: MailRecipientEntry): Promise<boolean> {
    return this.#run(async () => {
      this.people = await removeMailRecipient(person.address);
    }, () => t("ui-family-removed", { name: person.name }));
  }

  async addChannel(): Promise<boolean> {
    const name = this.channelName.trim();
    const matrix = this.channelKind === "matrix";
    if (name === "" || this.channelSecret.trim() === "" || (matrix && (this.homeserver.trim() === "" || this.room.trim() === ""))) {
      this.error = { code: "invalid_input", message: t(matrix ? "ui-channel-need-matrix" : "ui-channel-need-url"), detail: null };
      return false;
    }
    const added = await this.#run(async () => {
      this.channels = await addChannel({
        kind: this.channelKind,
        name,
        secret: this.channelSecret.trim(),
        homeserver: matrix ? this.homeserver.trim() : null,
        room: matrix ? this.room.trim() : null,
        lang: this.channelLang,
      });
    }, () => t("ui-channel-added", { name }));
    // The secret is never kept in the window, whatever happened.
    this.channelSecret = "";
    if (added) {
      this.channelName = "";
      this.homeserver = "";
      this.room = "";
    }
    return added;
  }

  async removeChannel(name: string): Promise<boolean> {
    return this.#run(async () => {
      this.channels = await removeChannel(name);
    }, () => t("ui-channel-removed", { name }));
  }

  /** Share → Send now. */
  async sendNow(period: PeriodKind): Promise<boolean> {
    this.results = null;
    return this.#run(async () => {
      this.results = await emailNow(period);
    }, () => {
      const done = (this.results ?? []).filter((r) => r.outcome === "sent" || r.outcome === "already_sent").length;
      return t("ui-send-now-done", { done, total: (this.results ?? []).length });
    });
  }
}
