// Settings → Family and friends and Team chat, and Share → Send now: the whole app in
// happy-dom with the IPC mock. Secrets go in once and never come back to the window.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { installMock } from "./mock/install";

const HOSTILE = `<img src=x onerror=alert(1)>\u202Egnp.exe`;

async function openSettings() {
  const store = installMock();
  render(App);
  await screen.findByTestId("week-details");
  await fireEvent.click(screen.getByTestId("nav-settings"));
  await screen.findByTestId("family-none");
  return store;
}

async function type(testId: string, value: string) {
  await fireEvent.input(screen.getByTestId(testId), { target: { value } });
}

describe("Family and friends", () => {
  test("people are added with their language and privacy, and names stay text", async () => {
    const store = await openSettings();
    await type("family-name", HOSTILE);
    await type("family-address", "rosa@familia.example");
    await fireEvent.change(screen.getByTestId("family-lang"), { target: { value: "es" } });
    await fireEvent.click(screen.getByTestId("family-weekly"));
    await fireEvent.click(screen.getByTestId("family-add"));
    const row = await screen.findByTestId("family-row");
    expect(store.delivery.people).toEqual([
      { name: HOSTILE, address: "rosa@familia.example", lang: "es", show_names: false, weekly: true },
    ]);
    expect(row.textContent).toContain(HOSTILE);
    expect(row.querySelector("img")).toBeNull();
    expect(row.textContent).toContain("Español");
    await waitFor(() => expect(screen.getByTestId("delivery-notice").textContent).toContain("will get the story"));
    await fireEvent.click(within(row).getByTestId("family-remove"));
    await screen.findByTestId("family-none");
    expect(store.delivery.people).toEqual([]);
  });

  test("a person needs a name and an address", async () => {
    const store = await openSettings();
    await type("family-name", "Rosa");
    await fireEvent.click(screen.getByTestId("family-add"));
    await screen.findByText("Write a name and an email address.");
    expect(store.delivery.people).toEqual([]);
  });

  test("the mail server's password is write-only: the window only learns that it is set", async () => {
    const store = await openSettings();
    expect(screen.getByTestId("email-password-set").textContent).toContain("No password is set yet.");
    await type("email-smtp", "smtp://ana@mail.example.org:587");
    await type("email-sender", "ana@example.org");
    await type("email-password", "s3cret password");
    await fireEvent.click(screen.getByTestId("email-save"));
    await waitFor(() => expect(screen.getByTestId("email-password-set").textContent).toContain("A password is set."));
    expect(store.delivery.password).toBe("s3cret password");
    await waitFor(() => expect((screen.getByTestId("email-password") as HTMLInputElement).value).toBe(""));
    expect(document.body.innerHTML).not.toContain("s3cret password");
    expect(screen.getByTestId("delivery-notice").textContent).toBe("The mail server is saved.");
  });

  test("a bad server address is refused with the backend's words", async () => {
    await openSettings();
    await type("email-smtp", "http://mail.example.org");
    await type("email-sender", "ana@example.org");
    await type("email-password", "pw");
    await fireEvent.click(screen.getByTestId("email-save"));
    await screen.findByText(/is not an SMTP address/);
  });
});

describe("Team chat", () => {
  test("a webhook address is sent once and never shown; Matrix asks for its room", async () => {
    const store = await openSettings();
    await screen.findByTestId("channels-none");
    await type("channel-name", "team");
    await type("channel-secret", "https://hooks.slack.com/services/T000/B000/XXXX");
    await fireEvent.click(screen.getByTestId("channel-add"));
    const row = await screen.findByTestId("channel-row");
    expect(row.textContent).toContain("Slack");
    expect(row.textContent).toContain("secret set");
    expect(store.delivery.secrets.team).toBe("https://hooks.slack.com/services/T000/B000/XXXX");
    expect(document.body.innerHTML).not.toContain("hooks.slack.com");
    await waitFor(() => expect((screen.getByTestId("channel-secret") as HTMLInputElement).value).toBe(""));

    await fireEvent.change(screen.getByTestId("channel-kind"), { target: { value: "matrix" } });
    await type("channel-name", "room");
    await type("channel-secret", "syt_token");
    await fireEvent.click(screen.getByTestId("channel-add"));
    await screen.findByText("Write a name, the Matrix server, the room id and the access token.");
    await type("channel-homeserver", "https://matrix.example.org");
    await type("channel-room", "!abc:example.org");
    await type("channel-secret", "syt_token");
    await fireEvent.click(screen.getByTestId("channel-add"));
    await waitFor(() => expect(screen.getAllByTestId("channel-row")).toHaveLength(2));
    expect(document.body.innerHTML).not.toContain("syt_token");
  });
});

describe("Share → Send now", () => {
  test("sends the story to everyone once, and says so per person", async () => {
    const store = installMock();
    store.delivery.email = { smtp: "smtp://ana@mail.example.org:587", sender: "ana@example.org", trusted: false };
    store.delivery.password = "pw";
    store.delivery.people = [
      { name: "Rosa", address: "rosa@familia.example", lang: "es", show_names: false, weekly: false },
      { name: "Joe", address: "joe@family.example", lang: "en", show_names: true, weekly: false },
    ];
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-share"));
    await fireEvent.click(await screen.findByTestId("send-now"));
    await waitFor(() => expect(screen.getAllByTestId("send-now-result")).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId("send-now-status").textContent).toBe("Sent to 2 of 2."));
    expect(screen.getAllByTestId("send-now-result").map((r) => r.dataset.outcome)).toEqual(["sent", "sent"]);
    await fireEvent.click(screen.getByTestId("send-now"));
    await waitFor(() =>
      expect(screen.getAllByTestId("send-now-result").map((r) => r.dataset.outcome)).toEqual(["already_sent", "already_sent"]),
    );
    expect(store.delivery.sent).toHaveLength(2);
  });

  test("with nobody to tell, it says where to add people", async () => {
    const store = installMock();
    store.delivery.email = { smtp: "smtp://ana@mail.example.org:587", sender: "ana@example.org", trusted: false };
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-share"));
    await fireEvent.click(await screen.findByTestId("send-now"));
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Family and friends");
    expect(store.delivery.sent).toEqual([]);
  });
});
