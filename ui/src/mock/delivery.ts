// The mock backend's email and team chat settings, with the backend's rules: one person per
// address, a checked address and name, a password and chat secrets kept apart and never sent
// back (only "set: yes/no"), at most one message per person and period on Send now.
import type {
  ChannelView,
  EmailSettingsInput,
  EmailSettingsView,
  MailRecipientEntry,
  MailResult,
  NewChannel,
} from "../lib/bindings";
import { reject } from "./errors";

export type MockDelivery = {
  email: { smtp: string; sender: string; trusted: boolean } | null;
  /** Kept apart, as in the keychain: never part of an answer. */
  password: string | null;
  people: MailRecipientEntry[];
  channels: ChannelView[];
  secrets: Record<string, string>;
  /** `address/period` of every message sent. */
  sent: string[];
};

export function newMockDelivery(): MockDelivery {
  return { email: null, password: null, people: [], channels: [], secrets: {}, sent: [] };
}

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function view(state: MockDelivery): EmailSettingsView {
  return {
    smtp: state.email?.smtp ?? null,
    sender: state.email?.sender ?? null,
    password_set: state.password !== null,
    trusts_certificate: state.email?.trusted ?? false,
  };
}

export function answerDelivery(state: MockDelivery, cmd: string, args: Record<string, unknown>): unknown {
  switch (cmd) {
    case "get_email_settings":
      return view(state);
    case "set_email_settings": {
      const input = args.settings as EmailSettingsInput;
      if (!/^smtps?:\/\/[^:@/\s]+@[^\s/]+$/.test(input.smtp.trim()))
        return reject("invalid_input", `"${input.smtp}" is not an SMTP address such as smtp://you@mail.example.org:587`);
      if (!ADDRESS.test(input.sender.trim())) return reject("invalid_input", `"${input.sender}" is not an email address`);
      if (input.password === null && state.password === null)
        return reject("invalid_input", "Give the SMTP password (it is kept in the keychain)");
      if (input.password !== null) state.password = input.password;
      state.email = { smtp: input.smtp.trim(), sender: input.sender.trim(), trusted: input.trusted_certificate !== null };
      return view(state);
    }
    case "list_mail_recipients":
      return state.people;
    case "save_mail_recipient": {
      const person = args.person as MailRecipientEntry;
      if (!ADDRESS.test(person.address.trim())) return reject("invalid_input", `"${person.address}" is not an email address`);
      const address = person.address.trim();
      state.people = [...state.people.filter((p) => p.address !== address), { ...person, name: person.name.trim(), address }];
      return state.people;
    }
    case "remove_mail_recipient": {
      const before = state.people.length;
      state.people = state.people.filter((p) => p.address !== args.address);
      if (state.people.length === before) return reject("not_found", `Nobody with the address ${String(args.address)} is in Family and friends`);
      return state.people;
    }
    case "email_now": {
      if (state.email === null) return reject("invalid_input", "Email is not set up: add the mail server in Settings");
      if (state.people.length === 0) return reject("invalid_input", "Nobody to send to: add people in Settings → Family and friends");
      return state.people.map((person): MailResult => {
        const key = `${person.address}/${String(args.period)}`;
        if (state.sent.includes(key)) return { address: person.address, outcome: "already_sent", message: "already sent for this period" };
        state.sent.push(key);
        return { address: person.address, outcome: "sent", message: "" };
      });
    }
    case "list_channels":
      return state.channels;
    case "add_channel": {
      const channel = args.channel as NewChannel;
      const name = channel.name.trim();
      if (channel.kind === "matrix" ? !/^!.+:.+/.test(channel.room ?? "") : !/^https?:\/\/\S+$/.test(channel.secret))
        return reject("invalid_input", channel.kind === "matrix" ? "The Matrix room must be a room id such as !abc123:example.org" : "The webhook URL must be an https:// address");
      state.secrets[name] = channel.secret;
      const added: ChannelView = {
        name,
        kind: channel.kind,
        homeserver: channel.homeserver,
        room: channel.room,
        lang: channel.lang,
        secret_set: true,
        waiting: 0,
        refused: 0,
        maybe_twice: 0,
        problem: null,
      };
      state.channels = [...state.channels.filter((c) => c.name !== name), added];
      return state.channels;
    }
    case "remove_channel": {
      delete state.secrets[String(args.name)];
      state.channels = state.channels.filter((c) => c.name !== args.name);
      return state.channels;
    }
    default:
      return reject("internal", `Unknown command "${cmd}".`);
  }
}
