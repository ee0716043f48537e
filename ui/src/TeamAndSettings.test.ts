// Thanking the person who fixed an incident, changing and deleting one's own notes, notes that
// wait for the team database, and Settings (people, team database): the whole app in
// happy-dom with the IPC mock.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { installMock, type MockOptions } from "./mock/install";

const HOSTILE = `<img src=x onerror=alert(1)>\u202Egnp.exe`;

async function openApp(options: MockOptions = {}) {
  const store = installMock(options);
  const view = render(App);
  await screen.findByTestId("week-details");
  return { ...view, store };
}

async function openSettings(options: MockOptions = {}) {
  const app = await openApp(options);
  await fireEvent.click(screen.getByTestId("nav-settings"));
  await screen.findAllByTestId("person-row");
  await waitFor(() => expect(screen.getByTestId("team-status").textContent).not.toContain("Checking"));
  return app;
}

async function write(message: string) {
  await fireEvent.input(screen.getByTestId("thanks-message"), { target: { value: message } });
  await fireEvent.click(screen.getByTestId("thanks-submit"));
}

describe("Thank whoever fixed this", () => {
  test("starts a note to the fixer about the incident, and the wall says what it is for", async () => {
    localStorage.setItem("unsung.author", "Ben");
    const { store } = await openApp();
    const card = screen.getAllByTestId("incident-item").find((c) => c.textContent?.includes("Some payments did not go through"))!;
    await fireEvent.click(within(card).getByTestId("thank-fixer"));
    expect(screen.getByTestId("nav-thanks").getAttribute("aria-current")).toBe("page");
    expect((screen.getByTestId("thanks-recipients") as HTMLInputElement).value).toBe("Ana");
    expect(screen.getByTestId("thanks-about").textContent).toContain("Some payments did not go through");

    await write("Thank you for the 3 a.m. fix.");
    await waitFor(() => expect(store.thanks[0].message).toBe("Thank you for the 3 a.m. fix."));
    expect(store.thanks[0]).toMatchObject({ incident_id: "inc-checkout-1124", recipients: ["Ana"] });
    const first = screen.getAllByTestId("thanks-item")[0];
    expect(within(first).getByTestId("thanks-about-line").textContent).toContain("Some payments did not go through");
    expect(screen.queryByTestId("thanks-about")).toBeNull();
  });

  test("you are not among the people you thank", async () => {
    localStorage.setItem("unsung.author", "Ana");
    await openApp();
    await fireEvent.click(screen.getAllByTestId("thank-fixer")[0]);
    expect((screen.getByTestId("thanks-recipients") as HTMLInputElement).value).toBe("");
  });

  test("open incidents have no thank button yet, and the about can be dropped", async () => {
    localStorage.setItem("unsung.author", "Ben");
    const { store } = await openApp();
    const open = screen.getAllByTestId("incident-item").find((c) => within(c).queryByTestId("incident-open"))!;
    expect(within(open).queryByTestId("thank-fixer")).toBeNull();
    await fireEvent.click(screen.getAllByTestId("thank-fixer")[0]);
    await fireEvent.click(screen.getByTestId("thanks-about-clear"));
    await write("Thanks in general.");
    await waitFor(() => expect(store.thanks[0].message).toBe("Thanks in general."));
    expect(store.thanks[0].incident_id).toBeNull();
  });

  test("a note can be about the period This week shows", async () => {
    const { store } = await openApp();
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await fireEvent.click(await screen.findByTestId("thanks-for-period"));
    expect(screen.getByTestId("thanks-about").textContent).toMatch(/\d/);
    await fireEvent.input(screen.getByTestId("thanks-recipients"), { target: { value: "Ben" } });
    await write("For a quiet week.");
    await waitFor(() => expect(store.thanks[0].message).toBe("For a quiet week."));
    expect(store.thanks[0].period_from).not.toBeNull();
    expect(store.thanks[0].period_to).not.toBeNull();
  });
});

describe("Your own notes", () => {
  async function postOne() {
    const app = await openApp();
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await fireEvent.input(await screen.findByTestId("thanks-recipients"), { target: { value: "Ben" } });
    await write("First words.");
    await waitFor(() => expect(screen.getAllByTestId("thanks-item")[0].textContent).toContain("First words."));
    return app;
  }

  test("only your notes can be changed; samples and others' notes cannot", async () => {
    await postOne();
    const items = screen.getAllByTestId("thanks-item");
    expect(within(items[0]).getByTestId("thanks-edit")).toBeTruthy();
    for (const other of items.slice(1)) expect(within(other).queryByTestId("thanks-edit")).toBeNull();
  });

  test("editing loads the note into the form and saves the new words", async () => {
    const { store } = await postOne();
    await fireEvent.click(within(screen.getAllByTestId("thanks-item")[0]).getByTestId("thanks-edit"));
    expect(screen.getByText("Change your thank-you")).toBeTruthy();
    expect((screen.getByTestId("thanks-message") as HTMLTextAreaElement).value).toBe("First words.");
    await write("Better words.");
    await waitFor(() => expect(screen.getAllByTestId("thanks-item")[0].textContent).toContain("Better words."));
    expect(screen.getAllByTestId("thanks-item")[0].textContent).toContain("(edited)");
    expect(store.thanks.filter((t) => !t.is_demo)).toHaveLength(1);
    expect(screen.getByText("Say thank you")).toBeTruthy();
  });

  test("deleting asks once more, then the note is gone", async () => {
    const { store } = await postOne();
    const first = () => screen.getAllByTestId("thanks-item")[0];
    await fireEvent.click(within(first()).getByTestId("thanks-delete"));
    expect(within(first()).getByTestId("thanks-delete").textContent).toContain("Really delete?");
    expect(store.thanks.some((t) => t.message === "First words.")).toBe(true);
    await fireEvent.click(within(first()).getByTestId("thanks-delete"));
    await waitFor(() => expect(store.thanks.some((t) => t.message === "First words.")).toBe(false));
    expect(screen.getAllByTestId("thanks-item").every((i) => !i.textContent?.includes("First words."))).toBe(true);
  });
});

describe("A team database that cannot be reached", () => {
  test("a new note shows as waiting to send, with a way to try again", async () => {
    await openApp({ teamOffline: true });
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    expect((screen.getByTestId("thanks-author") as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByTestId("thanks-author") as HTMLInputElement).value).toBe("Ana");
    await fireEvent.input(screen.getByTestId("thanks-recipients"), { target: { value: "Ben" } });
    await write("Written on a train.");
    const first = await waitFor(() => {
      const item = screen.getAllByTestId("thanks-item")[0];
      expect(item.textContent).toContain("Written on a train.");
      return item;
    });
    expect(within(first).getByTestId("thanks-waiting").textContent).toBe("Waiting to send");
    expect(screen.getByTestId("thanks-notice").textContent).toContain("waiting to send");
    expect(screen.getByTestId("thanks-waiting-summary").textContent).toContain("1 note is waiting");
    await fireEvent.click(screen.getByTestId("thanks-send-now"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Still waiting");
  });
});

describe("Settings", () => {
  test("people get other names; a name cannot mean two people", async () => {
    const { store } = await openSettings();
    await fireEvent.input(screen.getByTestId("people-new-name"), { target: { value: "Zoë" } });
    await fireEvent.input(screen.getByTestId("people-new-aliases"), { target: { value: "zoe.k, Zoe K." } });
    await fireEvent.click(screen.getByTestId("people-add"));
    await waitFor(() => expect(screen.getByTestId("settings-notice").textContent).toContain("Zoë is on the team."));
    expect(store.people.find((p) => p.name === "Zoë")?.aliases).toEqual(["zoe.k", "Zoe K."]);

    const ben = screen.getAllByTestId("person-row").find((r) => r.textContent?.startsWith("Ben"))!;
    await fireEvent.input(within(ben).getByTestId("person-aliases"), { target: { value: "zoe.k" } });
    await fireEvent.click(within(ben).getByTestId("person-save"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("already means someone else");

    const zoe = screen.getAllByTestId("person-row").find((r) => r.textContent?.startsWith("Zoë"))!;
    await fireEvent.click(within(zoe).getByTestId("person-remove"));
    await waitFor(() => expect(store.people.some((p) => p.name === "Zoë")).toBe(false));
  });

  test("a person's name is shown as text", async () => {
    await openSettings();
    await fireEvent.input(screen.getByTestId("people-new-name"), { target: { value: HOSTILE } });
    await fireEvent.click(screen.getByTestId("people-add"));
    await waitFor(() => expect(screen.getAllByTestId("person-row").some((r) => r.textContent?.includes(HOSTILE))).toBe(true));
    expect(document.querySelector("img")).toBeNull();
  });

  test("the team database is kept without a password", async () => {
    const { store } = await openSettings();
    expect(screen.getByTestId("team-status").textContent).toContain("No team database is set");
    await fireEvent.input(screen.getByTestId("team-url"), { target: { value: "postgres://ana:secret@db.example.org/unsung" } });
    await fireEvent.click(screen.getByTestId("team-save"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Leave the password out");
    expect(store.teamUrl).toBeNull();

    await fireEvent.input(screen.getByTestId("team-url"), { target: { value: "postgres://ana@db.example.org/unsung" } });
    await fireEvent.click(screen.getByTestId("team-save"));
    await waitFor(() => expect(screen.getByTestId("settings-notice").textContent).toContain("The team database is saved."));
    expect(screen.getByTestId("team-status").textContent).toContain("Connected to postgres://ana@db.example.org/unsung");
    expect(screen.getByTestId("team-status").textContent).toContain("signed Ana");
    await fireEvent.click(screen.getByTestId("team-clear"));
    await waitFor(() => expect(screen.getByTestId("team-status").textContent).toContain("No team database is set"));
  });

  test("waiting notes can be sent from Settings", async () => {
    const { store } = await openApp({ teamOffline: true });
    store.offline = true;
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await fireEvent.input(screen.getByTestId("thanks-recipients"), { target: { value: "Ben" } });
    await write("Queued.");
    await waitFor(() => expect(store.thanks[0].waiting_to_send).toBe(true));
    store.offline = false;
    await fireEvent.click(screen.getByTestId("nav-settings"));
    const send = await screen.findByTestId("team-send-now");
    await fireEvent.click(send);
    await waitFor(() => expect(screen.getByTestId("settings-notice").textContent).toContain("Every waiting note was sent."));
    expect(store.thanks[0].waiting_to_send).toBe(false);
  });
});
