// Settings → Sources and Sync now: adding, testing and removing sources, and a sync's live
// progress and result, in the whole app in happy-dom with the IPC mock.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import { installMock, type MockOptions } from "./mock/install";

const HOSTILE = `<img src=x onerror=alert(1)>`;

async function openSources(options: MockOptions = {}) {
  const store = installMock({ syncStepMs: 2, ...options });
  const view = render(App);
  await screen.findByTestId("week-details");
  await fireEvent.click(screen.getByTestId("nav-settings"));
  await screen.findByTestId("sources-section");
  return { ...view, store };
}

const type = (testid: string, value: string) => fireEvent.input(screen.getByTestId(testid), { target: { value } });

async function addSource(kind: string, fields: Record<string, string>) {
  await fireEvent.change(screen.getByTestId("source-kind"), { target: { value: kind } });
  for (const [testid, value] of Object.entries(fields)) await type(testid, value);
  await fireEvent.click(screen.getByTestId("source-add"));
}

const row = (name: string) =>
  screen.getAllByTestId("source-row").find((r) => within(r).getByRole("heading").textContent === name)!;

describe("Settings → Sources", () => {
  test("the form's fields follow the kind chosen", async () => {
    await openSources();
    const form = screen.getByTestId("source-add").closest("form")!;
    const fields = () => [...form.querySelectorAll("input")].map((i) => i.id).filter((id) => id !== "source-name");
    expect(fields()).toEqual(["source-token", "source-url"]);
    expect((screen.getByTestId("source-token") as HTMLInputElement).type).toBe("password");
    await fireEvent.change(screen.getByTestId("source-kind"), { target: { value: "uptime-kuma" } });
    expect(fields()).toEqual(["source-url", "source-slug"]);
    await fireEvent.change(screen.getByTestId("source-kind"), { target: { value: "prometheus" } });
    expect(fields()).toEqual(["source-url", "source-query", "source-service_label", "source-token"]);
    await fireEvent.change(screen.getByTestId("source-kind"), { target: { value: "csv" } });
    expect(fields()).toEqual(["source-file"]);
    expect(within(form).getByLabelText("File")).toBe(screen.getByTestId("source-file"));
  });

  test("each later kind asks for exactly what it needs, each field labelled and explained", async () => {
    await openSources();
    const form = screen.getByTestId("source-add").closest("form")!;
    const fields = () =>
      [...form.querySelectorAll("input, textarea")].map((i) => i.id).filter((id) => id !== "source-name");
    const choose = (kind: string) => fireEvent.change(screen.getByTestId("source-kind"), { target: { value: kind } });
    for (const kind of ["incident-io", "better-stack", "uptimerobot"]) {
      await choose(kind);
      expect(fields(), kind).toEqual(["source-token", "source-url"]);
      expect((screen.getByTestId("source-token") as HTMLInputElement).type).toBe("password");
    }
    expect(within(form).getByLabelText("Address (optional)").getAttribute("placeholder")).toBe("https://api.uptimerobot.com");
    await choose("grafana-oncall");
    expect(fields()).toEqual(["source-url", "source-stack_url", "source-token"]);
    const stack = within(form).getByLabelText("Grafana Cloud stack address (optional)");
    expect(document.getElementById(stack.getAttribute("aria-describedby")!)?.textContent).toContain("Only for Grafana Cloud");
    await choose("gatus");
    expect(fields()).toEqual(["source-url"]);
    await choose("github");
    expect(fields()).toEqual(["source-token", "source-repos", "source-url"]);
    const repos = within(form).getByLabelText("Repositories");
    expect(repos.tagName).toBe("TEXTAREA");
    expect(document.getElementById(repos.getAttribute("aria-describedby")!)?.textContent).toContain("One per line");
  });

  test("a GitHub source keeps its repositories, a Grafana one its stack, and both can be tested", async () => {
    const { store } = await openSources();
    await addSource("github", {
      "source-name": "shipped",
      "source-token": "gh-secret-token",
      "source-repos": "octo-org/web\nocto-org/api, octo-org/docs",
    });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(1));
    expect(store.sources.list[0].repos).toEqual(["octo-org/web", "octo-org/api", "octo-org/docs"]);
    expect(row("shipped").textContent).toContain("GitHub (updates shipped)");
    expect(row("shipped").textContent).toContain("https://api.github.com · repositories octo-org/web, octo-org/api, octo-org/docs");
    expect(document.body.innerHTML).not.toContain("gh-secret-token");
    expect((screen.getByTestId("source-repos") as HTMLTextAreaElement).value).toBe("");
    await addSource("grafana-oncall", {
      "source-name": "oncall",
      "source-url": "https://oncall.example.org",
      "source-stack_url": "https://team.grafana.net",
      "source-token": "oncall-token",
    });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(2));
    expect(row("oncall").textContent).toContain("https://oncall.example.org · Grafana stack https://team.grafana.net");
    await fireEvent.click(within(row("shipped")).getByTestId("source-test"));
    await waitFor(() => expect(within(row("shipped")).getByTestId("source-note").textContent).toContain("Connected to api.github.com"));
    await fireEvent.click(within(row("oncall")).getByTestId("source-test"));
    await waitFor(() => expect(within(row("oncall")).getByTestId("source-note").textContent).toContain("Connected to oncall.example.org"));
  });

  test("repositories are checked before they are sent, in the reader's language", async () => {
    const { store } = await openSources();
    await fireEvent.change(screen.getByTestId("lang-picker"), { target: { value: "es" } });
    await waitFor(() => expect(screen.getByTestId("source-add").textContent).toBe("Añadir fuente"));
    await addSource("github", { "source-token": "t", "source-repos": " , \n" });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Rellena primero «Repositorios».");
    await addSource("github", { "source-repos": "octo-org/web, octo-org" });
    await waitFor(() =>
      expect(screen.getByTestId("error-banner").textContent).toContain("«octo-org» no es un repositorio"),
    );
    expect(screen.getByTestId("source-repos").getAttribute("aria-invalid")).toBe("true");
    expect(store.sources.list).toHaveLength(0);
  });

  test("a missing field is pointed at before anything is sent", async () => {
    const { store } = await openSources();
    await addSource("statuspage", {});
    expect((await screen.findByTestId("error-banner")).textContent).toContain("Fill in “Status page address” first.");
    expect(screen.getByTestId("source-url").getAttribute("aria-invalid")).toBe("true");
    expect(store.sources.list).toHaveLength(0);
  });

  test("the backend's refusal is shown as it says it", async () => {
    await openSources();
    await addSource("statuspage", { "source-url": "not an address" });
    expect((await screen.findByTestId("error-banner")).textContent).toContain("is not a web address");
  });

  test("a source added is listed, with where its token is kept, and the token never comes back", async () => {
    const { store } = await openSources({ noKeychain: true });
    expect(screen.getByText(/No sources yet/)).toBeTruthy();
    await addSource("pagerduty", { "source-name": "pager", "source-token": "u+secret-token" });
    await waitFor(() => expect(screen.getByTestId("sources-notice").textContent).toContain("“pager” is added."));
    const pager = row("pager");
    expect(pager.textContent).toContain("PagerDuty");
    expect(pager.textContent).toContain("https://api.pagerduty.com");
    expect(within(pager).getByTestId("source-token-home").textContent).toBe(
      "Yes, in a private file, because no keychain is running on this computer",
    );
    expect(within(pager).getByTestId("source-last-sync").textContent).toContain("Not synced yet");
    expect(store.sources.tokens.get("pager")).toBe("u+secret-token");
    expect(document.body.innerHTML).not.toContain("u+secret-token");
    expect((screen.getByTestId("source-token") as HTMLInputElement).value).toBe("");
    // The name may be left empty: the source is named after its kind.
    await addSource("statuspage", { "source-url": "https://status.example.com" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(2));
    expect(within(row("statuspage")).queryByTestId("source-token-home")).toBeNull();
  });

  test("Test connection says what it found, or why it could not", async () => {
    await openSources();
    await addSource("statuspage", { "source-name": "status", "source-url": "https://status.example.com" });
    await addSource("statuspage", { "source-name": "broken", "source-url": "https://broken.example.com" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(2));
    await fireEvent.click(within(row("status")).getByTestId("source-test"));
    await waitFor(() => expect(within(row("status")).getByTestId("source-note").textContent).toContain("Connected to status.example.com"));
    await fireEvent.click(within(row("broken")).getByTestId("source-test"));
    await waitFor(() => expect(within(row("broken")).getByTestId("source-note").textContent).toContain("kept failing on its side"));
  });

  test("Remove asks once more, Keep it keeps it", async () => {
    const { store } = await openSources();
    await addSource("csv", { "source-name": "sheet", "source-file": "/home/ana/incidents.csv" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(1));
    await fireEvent.click(within(row("sheet")).getByTestId("source-remove"));
    expect(within(row("sheet")).getByTestId("source-remove").textContent).toContain("Really remove?");
    expect(row("sheet").textContent).toContain("everything it brought in");
    await fireEvent.click(within(row("sheet")).getByTestId("source-keep"));
    expect(within(row("sheet")).getByTestId("source-remove").textContent).not.toContain("Really");
    await fireEvent.click(within(row("sheet")).getByTestId("source-remove"));
    await fireEvent.click(within(row("sheet")).getByTestId("source-remove"));
    await waitFor(() => expect(screen.queryAllByTestId("source-row")).toHaveLength(0));
    expect(store.sources.list).toHaveLength(0);
    expect(screen.getByTestId("sources-notice").textContent).toContain("“sheet” is removed");
    expect(document.activeElement?.id).toBe("sources-title");
  });

  test("a failed sync's message is shown as text", async () => {
    const { store } = await openSources();
    await addSource("statuspage", { "source-name": "status", "source-url": "https://status.example.com" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(1));
    store.sources.list[0].last_error = HOSTILE;
    store.sources.list[0].last_attempt_at = "2026-11-27T09:05:00Z";
    await fireEvent.click(screen.getByTestId("nav-week"));
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await waitFor(() => expect(screen.getByTestId("source-error").textContent).toBe(HOSTILE));
    expect(document.querySelector("main img")).toBeNull();
  });
});

describe("Sync now", () => {
  test("shows each source's progress, then the result, and reloads the story", async () => {
    const { store } = await openSources({ syncStepMs: 15 });
    await addSource("statuspage", { "source-name": "status", "source-url": "https://status.example.com" });
    await addSource("statuspage", { "source-name": "broken", "source-url": "https://broken.example.com" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(2));
    const overviews = store.calls.length;

    const button = screen.getByTestId("sync-now");
    const status = screen.getByTestId("sync-status");
    expect(status.getAttribute("role")).toBe("status");
    await fireEvent.click(button);
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.textContent).toContain("Syncing…");
    await waitFor(() => expect(status.textContent).toMatch(/Syncing “broken”, 1 of 2/));
    await waitFor(() => expect(status.textContent).toMatch(/Syncing “status”, 2 of 2: /));
    await waitFor(() => expect(button.getAttribute("aria-disabled")).toBe("false"), { timeout: 3000 });
    expect(status.textContent).toContain("1 source could not sync (“broken”): it kept failing on its side; try again later.");
    expect(status.textContent).toContain("The other source synced.");
    await waitFor(() => expect(store.calls.length).toBe(overviews + 1));
    await waitFor(() => expect(within(row("status")).getByTestId("source-counts").textContent).toBe("6 services, 3 incidents"));
    expect(within(row("broken")).getByTestId("source-error").textContent).toContain("kept failing");
  });

  test("This week has Sync now once a source is there", async () => {
    await openSources({ syncStepMs: 1 });
    await fireEvent.click(screen.getByTestId("nav-week"));
    expect(screen.queryByTestId("sync-now")).toBeNull();
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await addSource("uptime-kuma", { "source-url": "https://up.example.com", "source-slug": "shop" });
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("nav-week"));
    await fireEvent.click(await screen.findByTestId("sync-now"));
    await waitFor(() => expect(screen.getByTestId("sync-status").textContent?.trim()).toBe("“uptime-kuma” synced."), { timeout: 3000 });
  });
});
