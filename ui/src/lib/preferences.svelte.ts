// The reader's own settings, asked on first run (the welcome) and changed in Settings → You
// and Settings → Weekly story: name, time zone, working hours and the weekly notice. One form
// is shared by both places; saving sends all of it and marks the welcome as done.
import { getPreferences, getTimeZones, savePreferences, toAppError } from "./api";
import type { AppError, Preferences, TimeZones, ZoneRegion } from "./bindings";
import { dateFormat } from "./format";
import { t, words } from "./i18n.svelte";
import { saveWith } from "./saving";

/** ISO weekday numbers, Monday first. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The settings as the form holds them. */
export type PreferencesForm = {
  name: string;
  tz: string;
  start: string;
  end: string;
  days: number[];
  noticeEnabled: boolean;
  noticeWeekday: number;
  noticeHour: number;
  /** The reader's own drill words, kept as they are (no field changes them yet). */
  drillWords: string[];
};

/** This machine's zone, as the browser or webview knows it. */
export function machineZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/** The zone list as the select shows it: the machine's zone (and a saved zone the list does
 * not have) first, then each region's places. */
export type ZoneChoices = { first: string[]; regions: ZoneRegion[] };

export function zoneChoices(zones: TimeZones | null, current: string): ZoneChoices {
  const listed = new Set(zones?.regions.flatMap((r) => r.zones) ?? []);
  const first = [zones?.machine ?? machineZone()];
  if (current && !first.includes(current) && !listed.has(current)) first.push(current);
  // The machine's zone is offered first, so its region does not repeat it.
  const regions = (zones?.regions ?? [])
    .map((r) => ({ region: r.region, zones: r.zones.filter((z) => !first.includes(z)) }))
    .filter((r) => r.zones.length > 0);
  return { first, regions };
}

/** "America/Argentina/Buenos_Aires" -> "America/Argentina/Buenos Aires"; "Etc/UTC" -> "UTC". */
export function zoneLabel(zone: string): string {
  if (zone === "Etc/UTC") return "UTC";
  return zone.replaceAll("_", " ");
}

/** The time now in `zone` ("16:30"), or "" for a zone the runtime does not know. */
export function timeIn(zone: string, now: Date = new Date()): string {
  try {
    return dateFormat({ hour: "2-digit", minute: "2-digit", hour12: false, timeZone: zone }).format(now);
  } catch {
    return "";
  }
}

/** A weekday's name in the current language: "Monday", or "lunes" (capitalised on request). */
export function weekdayName(day: number, capital = false): string {
  // 1 January 2024 was a Monday.
  const date = new Date(Date.UTC(2024, 0, day));
  const name = dateFormat({ weekday: "long", timeZone: "UTC" }).format(date);
  return capital ? name.charAt(0).toLocaleUpperCase(words.locale) + name.slice(1) : name;
}

/** "09:00" for hour 9. */
export function hourText(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** Every half hour of the day ("00:00" … "23:30"), with `keep` added if it is another time. */
export function dayTimes(...keep: string[]): string[] {
  const times: string[] = [];
  for (let h = 0; h < 24; h++) for (const m of ["00", "30"]) times.push(`${String(h).padStart(2, "0")}:${m}`);
  for (const time of keep) if (/^\d\d:\d\d$/.test(time) && !times.includes(time)) times.push(time);
  return times.sort();
}

export function toForm(p: Preferences): PreferencesForm {
  return {
    name: p.name ?? "",
    tz: p.tz,
    start: p.working_hours.start,
    end: p.working_hours.end,
    days: [...p.working_hours.days].sort((a, b) => a - b),
    noticeEnabled: p.weekly_notice.enabled,
    noticeWeekday: p.weekly_notice.weekday,
    noticeHour: p.weekly_notice.hour,
    drillWords: [...p.drill_words],
  };
}

export function toPreferences(form: PreferencesForm): Preferences {
  const name = form.name.trim();
  return {
    name: name === "" ? null : name,
    tz: form.tz,
    working_hours: { start: form.start, end: form.end, days: [...form.days].sort((a, b) => a - b) },
    weekly_notice: { enabled: form.noticeEnabled, weekday: form.noticeWeekday, hour: form.noticeHour },
    welcomed: true,
    drill_words: [...form.drillWords],
  };
}

/** Before the backend answers: the machine's zone and the usual office week. */
export function defaultForm(): PreferencesForm {
  return {
    name: "",
    tz: machineZone(),
    start: "09:00",
    end: "18:00",
    days: [1, 2, 3, 4, 5],
    noticeEnabled: false,
    noticeWeekday: 1,
    noticeHour: 9,
    drillWords: [],
  };
}

/** "On Monday at 09:00, Unsung tells you…" for the form as it is. */
export function weeklySentence(form: PreferencesForm): string {
  if (!form.noticeEnabled) return t("ui-weekly-off");
  return t("ui-weekly-sentence", { day: weekdayName(form.noticeWeekday), time: hourText(form.noticeHour) });
}

/** Which part of the app saved last: its confirmation shows there. */
export type SavedFrom = "welcome" | "you" | "weekly";

export class PreferencesState {
  /** As the backend has them (null until loaded). */
  saved = $state<Preferences | null>(null);
  form = $state<PreferencesForm>(defaultForm());
  loaded = $state(false);
  busy = $state(false);
  error = $state<AppError | null>(null);
  /** The part of the app the error or confirmation belongs to. */
  from = $state<SavedFrom | null>(null);
  notice = $state("");

  /** The zones to choose from (null until loaded). */
  zones = $state<TimeZones | null>(null);

  /** Reads the settings again; what was typed and not saved is replaced. */
  async load(): Promise<void> {
    if (!this.zones) getTimeZones().then((zones) => (this.zones = zones), () => {});
    try {
      const prefs = await getPreferences();
      this.saved = prefs;
      this.form = toForm(prefs);
      this.loaded = true;
    } catch (reason) {
      this.error = toAppError(reason);
    }
  }

  toggleDay(day: number, on: boolean): void {
    const days = this.form.days.filter((d) => d !== day);
    this.form.days = on ? [...days, day].sort((a, b) => a - b) : days;
  }

  /** Sends the whole form; true once the backend kept it. */
  async save(from: SavedFrom): Promise<boolean> {
    if (this.busy) return false;
    this.from = from;
    return saveWith(this, async () => {
      const prefs = await savePreferences(toPreferences(this.form));
      this.saved = prefs;
      this.form = toForm(prefs);
      this.loaded = true;
      return from === "weekly" ? t("ui-weekly-saved") : from === "you" ? t("ui-you-saved") : "";
    });
  }

  /** The submit handler of the form saved from `from`. */
  submitter(from: SavedFrom): (event: SubmitEvent) => Promise<void> {
    return async (event) => {
      event.preventDefault();
      await this.save(from);
    };
  }
}
