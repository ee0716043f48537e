// First run, Settings → You and Weekly story, "Figures as of" and a sync with no network,
// SysAdmin Day, and the weekly notice's "open the story": the whole app in happy-dom with the
// IPC mock.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { words } from "./lib/i18n.svelte";
import { dayTimes, defaultForm, toForm, weeklySentence, zoneChoices } from "./lib/preferences.svelte";
import { installMock, type MockOptions } from "./mock/install";

const choose = (testid: string, value: string) => fireEvent.change(screen.getByTestId(testid), { target: { value } });
const type = (testid: string, value: string) => fireEvent.input(screen.getByTestId(testid), { target: { value } });
const dayBox = (day: number) =>
  within(screen.getByTestId("you-days")).getAllByRole("checkbox").find((b) => (b as HTMLInputElement).value === String(day)) as HTMLInputElement;

async function firstRun(options: MockOptions = {}) {
  const store = installMock({ firstRun: true, syncStepMs: 1, ...options });
  const view = render(App);
  await screen.findByTestId("welcome");
  await waitFor(() => expect((screen.getByTestId("you-tz") as HTMLSelectElement).value).not.toBe(""));
  return { ...view, store };
}

async function openSettings(options: MockOptions = {}) {
  const store = installMock({ syncStepMs: 1, ...options });
  const view = render(App);
  await screen.findByTestId("week-details");
  await fireEvent.click(screen.getByTestId("nav-settings"));
  await screen.findByTestId("you-section");
  await waitFor(() => expect((screen.getByTestId("you-tz") as HTMLSelectElement).value).not.toBe(""));
  return { ...view, store };
}

describe("first run", () => {
  test("the welcome stands in for This week, says what Unsung is and asks about you", async () => {
    await firstRun();
    expect(screen.queryByTestId("story")).toBeNull();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Welcome to Unsung");
    const lead = screen.getByTestId("welcome-lead").textContent ?? "";
    for (const words of ["keep systems running", "plain words", "Share", "thank"]) expect(lead).toContain(words);
    // Defaults as get_preferences gives them: this machine's zone, 09:00–18:00, Monday to Friday.
    const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect((screen.getByTestId("you-tz") as HTMLSelectElement).value).toBe(machine);
    expect((screen.getByTestId("you-start") as HTMLSelectElement).value).toBe("09:00");
    expect((screen.getByTestId("you-end") as HTMLSelectElement).value).toBe("18:00");
    expect([1, 2, 3, 4, 5, 6, 7].map((d) => dayBox(d).checked)).toEqual([true, true, true, true, true, false, false]);
    expect(within(screen.getByTestId("you-days")).getByLabelText("Monday")).toBe(dayBox(1));
    expect(screen.getByLabelText("Your name")).toBe(screen.getByTestId("you-name"));
    expect(screen.getByLabelText("Time zone")).toBe(screen.getByTestId("you-tz"));
    // Each place once, grouped by region, this machine's zone first and marked.
    const select = screen.getByTestId("you-tz") as HTMLSelectElement;
    const values = [...select.options].map((o) => o.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values[0]).toBe(machine);
    expect(select.options[0].textContent).toBe(`${machine.replaceAll("_", " ")} (this computer)`);
    expect([...select.querySelectorAll("optgroup")].map((g) => g.label)).toContain("Europe");
    expect(values).toContain("Asia/Kolkata");
    expect(values).not.toContain("Asia/Calcutta");
    expect(screen.getByTestId("welcome-connect").textContent).toBe("Connect a source");
    expect(screen.getByTestId("welcome-demo").textContent).toBe("Look around with the demo team");
  });

  test("“Look around with the demo team” keeps the answers and shows the labelled demo week", async () => {
    const { store } = await firstRun();
    await type("you-name", "  Robin  ");
    await choose("you-tz", "Asia/Tokyo");
    await choose("you-start", "08:30");
    await fireEvent.click(dayBox(5));
    await fireEvent.click(dayBox(6));
    await fireEvent.click(screen.getByTestId("welcome-demo"));
    await screen.findByTestId("week-details");
    expect(screen.queryByTestId("welcome")).toBeNull();
    expect(screen.getByTestId("demo-badge").textContent).toMatch(/Demo team.*sample data/);
    expect(store.preferences).toMatchObject({
      name: "Robin",
      tz: "Asia/Tokyo",
      start: "08:30",
      end: "18:00",
      days: [1, 2, 3, 4, 6],
      welcomed: true,
    });
    await waitFor(() => expect(document.activeElement?.id).toBe("main"));
    // The name signs thank-yous from now on.
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    expect((await screen.findByTestId("thanks-author") as HTMLInputElement).value).toBe("Robin");
  });

  test("Enter in the name field looks around with the demo team", async () => {
    const { store } = await firstRun();
    await type("you-name", "Robin");
    await fireEvent.submit(screen.getByTestId("you-name").closest("form")!);
    await screen.findByTestId("week-details");
    expect(store.preferences.welcomed).toBe(true);
  });

  test("“Connect a source” keeps the answers and opens Settings → Sources", async () => {
    const { store } = await firstRun();
    await fireEvent.click(screen.getByTestId("welcome-connect"));
    await screen.findByTestId("sources-section");
    expect(store.preferences.welcomed).toBe(true);
    expect(screen.getByTestId("nav-settings").getAttribute("aria-current")).toBe("page");
    await waitFor(() => expect(document.activeElement?.id).toBe("sources-title"));
    // The demo stays one click away while no source is connected.
    await fireEvent.click(await screen.findByTestId("sources-see-demo"));
    await screen.findByTestId("week-details");
    expect(screen.queryByTestId("welcome")).toBeNull();
  });

  test("a refused answer is said, and the welcome stays", async () => {
    const { store } = await firstRun();
    await choose("you-start", "19:00");
    await fireEvent.click(screen.getByTestId("welcome-demo"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("The working day must end after it starts");
    expect(screen.getByTestId("welcome")).toBeTruthy();
    expect(store.preferences.welcomed).toBe(false);
  });

  test("the rest of the app is there meanwhile; This week is the welcome until it is done", async () => {
    await firstRun();
    await fireEvent.click(screen.getByTestId("nav-glossary"));
    await screen.findAllByTestId("glossary-item");
    await fireEvent.click(screen.getByTestId("nav-week"));
    await screen.findByTestId("welcome");
  });
});

describe("Settings → You and Weekly story", () => {
  test("You shows the saved answers and keeps changes", async () => {
    const { store } = await openSettings();
    await type("you-name", "Ana");
    await fireEvent.click(dayBox(1));
    await fireEvent.click(screen.getByTestId("you-save"));
    await waitFor(() => expect(screen.getByTestId("you-notice").textContent).toBe("Your settings are saved."));
    expect(store.preferences).toMatchObject({ name: "Ana", days: [2, 3, 4, 5] });
  });

  test("the weekly notice is off without a source, and its sentence follows the choices", async () => {
    const { store } = await openSettings();
    const toggle = screen.getByTestId("weekly-enabled") as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(screen.getByLabelText("Tell me when the new week's story is ready")).toBe(toggle);
    expect((screen.getByTestId("weekly-day") as HTMLSelectElement).disabled).toBe(true);
    expect(screen.getByTestId("weekly-sentence").textContent).toContain("will not send a notice");
    await fireEvent.click(toggle);
    expect(screen.getByTestId("weekly-sentence").textContent).toBe(
      "On Monday at 09:00, Unsung tells you when the new week's story is ready (while the app is running, it syncs first).",
    );
    await choose("weekly-day", "2");
    await choose("weekly-hour", "8");
    expect(screen.getByTestId("weekly-sentence").textContent).toContain("On Tuesday at 08:00,");
    await fireEvent.click(screen.getByTestId("weekly-save"));
    await waitFor(() => expect(screen.getByTestId("weekly-notice").textContent).toBe("The weekly notice is saved."));
    expect(store.preferences).toMatchObject({ noticeEnabled: true, noticeWeekday: 2, noticeHour: 8 });
    const cli = screen.getByTestId("weekly-cli");
    expect(cli.querySelector("code")?.textContent).toBe("unsung story");
    expect(cli.textContent).toContain("cron");
  });

  test("the weekly notice is on by default once a source is connected", async () => {
    await openSettings({ synced: true });
    expect((screen.getByTestId("weekly-enabled") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByTestId("weekly-sentence").textContent).toContain("On Monday at 09:00");
  });

  test("in Spanish", async () => {
    installMock();
    words.setLang("es");
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await screen.findByTestId("weekly-section");
    await fireEvent.click(screen.getByTestId("weekly-enabled"));
    expect(screen.getByTestId("weekly-sentence").textContent).toContain("El lunes a las 09:00");
    expect(within(screen.getByTestId("you-days")).getByLabelText("Lunes")).toBeTruthy();
  });
});

describe("offline, and what the figures are as of", () => {
  test("This week says what the figures are as of; a sync with no network says so and keeps them", async () => {
    const store = installMock({ synced: true, networkDown: true, syncStepMs: 1 });
    render(App);
    await screen.findByTestId("week-details");
    const asOf = await screen.findByTestId("figures-as-of");
    expect(asOf.textContent).toBe("Figures as of Fri 27 Nov, 08:15.");
    const before = screen.getByTestId("overall-uptime").textContent;
    await fireEvent.click(screen.getByTestId("sync-now"));
    const status = screen.getByTestId("sync-status");
    await waitFor(() => expect(status.textContent).toContain("(“status”): it could not be reached; the network may be down"), {
      timeout: 3000,
    });
    expect(status.textContent).toContain("1 source could not sync (“status”)");
    expect(status.textContent).not.toContain("Earlier data is kept. Earlier data is kept");
    await waitFor(() => expect(screen.getByTestId("sync-now").getAttribute("aria-disabled")).toBe("false"));
    expect(screen.getByTestId("figures-as-of").textContent).toBe("Figures as of Fri 27 Nov, 08:15.");
    expect(screen.getByTestId("overall-uptime").textContent).toBe(before);
    expect(store.sources.list[0].last_success_at).toBe("2026-11-27T08:15:00+01:00");
  });

  test("no figures line without a sync", async () => {
    installMock();
    render(App);
    await screen.findByTestId("week-details");
    expect(screen.queryByTestId("figures-as-of")).toBeNull();
  });
});

describe("SysAdmin Day and the weekly notice", () => {
  test("on SysAdmin Day a card suggests a thank-you, and its button opens the form", async () => {
    installMock({ sysadminDay: true });
    render(App);
    const card = await screen.findByTestId("sysadmin-day");
    expect(card.textContent).toContain("Today is SysAdmin Day");
    await fireEvent.click(within(card).getByTestId("sysadmin-thank"));
    await screen.findByTestId("thanks-message");
    await waitFor(() => expect(document.activeElement?.id).toBe("thanks-recipients"));
  });

  test("no card on other days", async () => {
    installMock();
    render(App);
    await screen.findByTestId("week-details");
    expect(screen.queryByTestId("sysadmin-day")).toBeNull();
  });

  test("the clicked weekly notice brings This week back", async () => {
    const store = installMock();
    render(App);
    await screen.findByTestId("week-details");
    await waitFor(() => expect(store.shell).not.toBeNull());
    await fireEvent.click(screen.getByTestId("nav-glossary"));
    const calls = store.calls.length;
    store.shell!.onmessage({ event: "open_story" });
    await screen.findByTestId("week-details");
    expect(screen.getByTestId("nav-week").getAttribute("aria-current")).toBe("page");
    await waitFor(() => expect(store.calls.length).toBe(calls + 1));
  });
});

describe("a team database still being reached at start", () => {
  test("the first view shows the local figures and says so, then reads the view again once reached", async () => {
    const store = installMock({ teamReaching: true });
    render(App);
    await screen.findByTestId("week-details");
    expect(screen.getByTestId("team-reaching").textContent).toBe(words.t("ui-team-reaching"));
    await waitFor(() => expect(store.shell).not.toBeNull());
    store.teamReach = "reached";
    const calls = store.calls.length;
    store.shell!.onmessage({ event: "team_synced" });
    await waitFor(() => expect(store.calls.length).toBe(calls + 1));
    await waitFor(() => expect(screen.queryByTestId("team-reaching")).toBeNull());
  });
});

describe("the preferences helpers", () => {
  test("zones: the machine's first and not again in its region; an unlisted saved one kept; times every half hour", () => {
    const zones = {
      machine: "Asia/Kolkata",
      regions: [
        { region: "Asia", zones: ["Asia/Kolkata", "Asia/Tokyo"] },
        { region: "UTC", zones: ["UTC"] },
      ],
    };
    expect(zoneChoices(zones, "Asia/Tokyo")).toEqual({
      first: ["Asia/Kolkata"],
      regions: [
        { region: "Asia", zones: ["Asia/Tokyo"] },
        { region: "UTC", zones: ["UTC"] },
      ],
    });
    expect(zoneChoices(zones, "Mars/Olympus").first).toEqual(["Asia/Kolkata", "Mars/Olympus"]);
    const times = dayTimes("08:45");
    expect(times).toHaveLength(49);
    expect(times.slice(17, 20)).toEqual(["08:30", "08:45", "09:00"]);
  });

  test("the sentence and the form", () => {
    const form = toForm({
      name: null,
      tz: "UTC",
      working_hours: { start: "09:00", end: "17:00", days: [5, 1] },
      weekly_notice: { enabled: true, weekday: 7, hour: 20 },
      welcomed: false,
      drill_words: ["wargame"],
    });
    expect(form.drillWords).toEqual(["wargame"]);
    expect(form.days).toEqual([1, 5]);
    expect(form.name).toBe("");
    expect(weeklySentence(form)).toMatch(/^On Sunday at 20:00, /);
    expect(weeklySentence({ ...defaultForm(), noticeEnabled: false })).toMatch(/will not send a notice/);
  });
});
