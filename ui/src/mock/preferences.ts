// The mock backend's preferences: the reader's name, zone, working hours and weekly notice,
// with the backend's rules (a real zone, HH:MM times, an end after the start, days 1–7, a
// notice day and hour) and defaults (this machine's zone; the notice on once a source is
// connected, until the reader chooses). Saving marks the welcome as done.
import type { Preferences, TimeZones } from "../lib/bindings";
import { reject } from "./errors";

export type MockPreferences = {
  name: string | null;
  tz: string | null;
  start: string;
  end: string;
  days: number[];
  /** `null` until the reader chooses. */
  noticeEnabled: boolean | null;
  noticeWeekday: number;
  noticeHour: number;
  welcomed: boolean;
  /** The reader's own words that mark a title as a drill. */
  drillWords: string[];
};

function machineZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.trim() !== "";
  } catch {
    return false;
  }
}

export function newMockPreferences(welcomed: boolean): MockPreferences {
  return {
    name: null,
    tz: null,
    start: "09:00",
    end: "18:00",
    days: [1, 2, 3, 4, 5],
    noticeEnabled: null,
    noticeWeekday: 1,
    noticeHour: 9,
    welcomed,
    drillWords: [],
  };
}

function view(p: MockPreferences, hasSources: boolean): Preferences {
  return {
    name: p.name,
    tz: p.tz ?? machineZone(),
    working_hours: { start: p.start, end: p.end, days: [...p.days] },
    weekly_notice: { enabled: p.noticeEnabled ?? hasSources, weekday: p.noticeWeekday, hour: p.noticeHour },
    welcomed: p.welcomed,
    drill_words: [...p.drillWords],
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A few places per region, each under its current name, as the backend lists them. */
const ZONES: Record<string, string[]> = {
  Africa: ["Africa/Cairo", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi"],
  America: ["America/Argentina/Buenos_Aires", "America/Bogota", "America/Chicago", "America/Los_Angeles", "America/Mexico_City", "America/New_York", "America/Sao_Paulo"],
  Asia: ["Asia/Ho_Chi_Minh", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo"],
  Australia: ["Australia/Sydney"],
  Europe: ["Europe/Berlin", "Europe/Kyiv", "Europe/Lisbon", "Europe/London", "Europe/Madrid", "Europe/Oslo", "Europe/Paris"],
  Pacific: ["Pacific/Auckland", "Pacific/Honolulu"],
  UTC: ["UTC"],
};

/** Answers time_zones: this machine's zone (listed too), and the places by region. */
export function mockTimeZones(): TimeZones {
  const machine = machineZone();
  const region = machine.includes("/") ? machine.split("/")[0] : "UTC";
  const regions = Object.entries(ZONES).map(([name, zones]) => ({
    region: name,
    zones: name === region && !zones.includes(machine) ? [...zones, machine].sort() : zones,
  }));
  return { machine, regions };
}

/** Answers get_preferences and save_preferences. */
export function answerPreferences(
  prefs: MockPreferences,
  cmd: string,
  args: Record<string, unknown>,
  hasSources: boolean,
): unknown {
  if (cmd === "get_preferences") return view(prefs, hasSources);
  const next = args.preferences as Preferences;
  if (!knownZone(next.tz)) return reject("invalid_input", `Unknown time zone "${next.tz}"; give one such as Europe/Madrid`);
  const start = next.working_hours.start.trim();
  const end = next.working_hours.end.trim();
  if (!TIME.test(start)) return reject("invalid_input", "The start of the working day is a time such as 09:00");
  if (!TIME.test(end)) return reject("invalid_input", "The end of the working day is a time such as 09:00");
  if (end <= start) return reject("invalid_input", "The working day must end after it starts");
  const days = [...new Set(next.working_hours.days)].sort((a, b) => a - b);
  if (days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    return reject("invalid_input", "Working days are numbered 1 (Monday) to 7 (Sunday)");
  const notice = next.weekly_notice;
  if (!(notice.weekday >= 1 && notice.weekday <= 7) || !(notice.hour >= 0 && notice.hour <= 23))
    return reject("invalid_input", "The weekly notice needs a day (1 Monday to 7 Sunday) and an hour (0 to 23)");
  const name = (next.name ?? "").trim().slice(0, 80);
  Object.assign(prefs, {
    name: name === "" ? null : name,
    tz: next.tz,
    start,
    end,
    days,
    noticeEnabled: notice.enabled,
    noticeWeekday: notice.weekday,
    noticeHour: notice.hour,
    welcomed: true,
    drillWords: [...new Set((next.drill_words ?? []).map((w) => w.trim()).filter((w) => w !== ""))],
  } satisfies MockPreferences);
  return view(prefs, hasSources);
}
