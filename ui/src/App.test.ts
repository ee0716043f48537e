// The whole app in happy-dom, with the IPC mock answering from the demo fixture.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import App from "./App.svelte";
import type { ThankYou } from "./lib/bindings";
import { buildOverview } from "./mock/fixture";
import { installMock } from "./mock/install";

const HOSTILE = `<img src=x onerror=alert(1)>`;

async function openApp() {
  const store = installMock();
  const view = render(App);
  await screen.findByTestId("week-details");
  return { ...view, store };
}

async function openThanks() {
  const app = await openApp();
  await fireEvent.click(screen.getByTestId("nav-thanks"));
  await screen.findByTestId("thanks-message");
  return app;
}

async function post(recipients: string, message: string) {
  await fireEvent.input(screen.getByTestId("thanks-recipients"), { target: { value: recipients } });
  await fireEvent.input(screen.getByTestId("thanks-message"), { target: { value: message } });
  await fireEvent.click(screen.getByTestId("thanks-submit"));
}

describe("This week", () => {
  test("shows a loading state, then the story first", async () => {
    installMock({ delayMs: 20 });
    render(App);
    expect(screen.getByTestId("loading")).toBeTruthy();
    const headline = await screen.findByTestId("story-headline");
    expect(headline.textContent).toBe(buildOverview("this_week").story.headline);
    expect(headline.tagName).toBe("H1");
    expect(screen.queryByTestId("loading")).toBeNull();
    const story = screen.getByTestId("story");
    expect(story.querySelectorAll("p.paragraph").length).toBe(buildOverview("this_week").story.paragraphs.length);
  });

  test("labels the demo team and marks the active view", async () => {
    await openApp();
    expect(screen.getByTestId("demo-badge").textContent).toMatch(/Demo team.*sample data/);
    expect(screen.getByTestId("nav-week").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-thanks").hasAttribute("aria-current")).toBe(false);
  });

  test("each service row holds 90 labelled day bars", async () => {
    await openApp();
    const rows = screen.getAllByTestId("service-row");
    expect(rows).toHaveLength(6);
    for (const row of rows) {
      const bars = within(row).getAllByTestId("day-bar");
      expect(bars).toHaveLength(90);
      for (const bar of bars) expect(bar.getAttribute("aria-label")).toMatch(/^\d{1,2} \w{3,4}: /);
    }
    const down = screen.getAllByTestId("day-bar").filter((b) => b.dataset.state === "down");
    expect(down.length).toBeGreaterThan(0);
    expect(down[0].getAttribute("title")).toMatch(/down for \d+ (minutes|hour)/);
  });

  test("shows the overall uptime with its meaning, and the period's incidents", async () => {
    await openApp();
    expect(screen.getByTestId("overall-uptime").textContent).toMatch(/^\d{2,3}(\.\d{2,3})?%$/);
    const incidents = screen.getAllByTestId("incident-item");
    expect(incidents).toHaveLength(buildOverview("this_week").incidents.length);
    expect(screen.getAllByTestId("incident-open")).toHaveLength(1);
    expect(screen.getAllByTestId("incident-night").length).toBeGreaterThan(0);
  });

  test("offers the seven periods and re-renders when one is picked", async () => {
    await openApp();
    const picker = screen.getByTestId("period-picker") as HTMLSelectElement;
    expect([...picker.options].map((o) => o.value)).toEqual([
      "this_week",
      "last_week",
      "this_month",
      "this_quarter",
      "this_year",
      "last_30_days",
      "last_90_days",
    ]);
    expect([...picker.options].map((o) => o.textContent)).toContain("These three months");
    await fireEvent.change(picker, { target: { value: "last_90_days" } });
    const expected = buildOverview("last_90_days");
    await waitFor(() => expect(screen.getByTestId("period-label").textContent).toBe(expected.period.label));
    expect(screen.getByTestId("story-headline").textContent).toBe(expected.story.headline);
    expect(screen.getAllByTestId("incident-item")).toHaveLength(expected.incidents.length);
  });

  test("a failed load shows the message and a way to try again", async () => {
    installMock({ failOnce: ["get_overview"] });
    render(App);
    const banner = await screen.findByTestId("error-banner");
    expect(banner.getAttribute("role")).toBe("alert");
    expect(banner.textContent).toContain("The team database could not be read.");
    await fireEvent.click(within(banner).getByRole("button", { name: "Try again" }));
    await screen.findByTestId("week-details");
    expect(screen.queryByTestId("error-banner")).toBeNull();
  });
});

/** A paragraph's text as a reader sees it: tooltips (shown only on hover or focus) left out. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const tip of copy.querySelectorAll('[role="tooltip"]')) tip.remove();
  return copy.textContent ?? "";
}

describe("Language, audience and plain words", () => {
  test("the story's paragraphs read exactly as the core wrote them", async () => {
    await openApp();
    const expected = buildOverview("this_week").story.paragraphs;
    const shown = [...screen.getByTestId("story").querySelectorAll("p.paragraph")].map(visibleText);
    expect(shown).toEqual(expected);
  });

  test("a glossary term in the story explains itself in a tooltip", async () => {
    await openApp();
    const term = screen.getByTestId("story-term");
    expect(term.textContent).toBe("outage");
    expect(term.tagName).toBe("BUTTON");
    const tooltip = document.getElementById(term.getAttribute("aria-describedby") ?? "");
    expect(tooltip?.getAttribute("role")).toBe("tooltip");
    expect(tooltip?.textContent).toContain("A time when something stops working for everyone");
    expect(screen.getByTestId("story-explanation").textContent).toBe(
      "An outage is when something stops working for everyone.",
    );
  });

  test("switching to Spanish asks for the Spanish story and speaks Spanish", async () => {
    const { store } = await openApp();
    await fireEvent.change(screen.getByTestId("lang-picker"), { target: { value: "es" } });
    await waitFor(() => expect(screen.getByTestId("story-headline").textContent).toMatch(/^Tu equipo/));
    expect(store.calls.at(-1)).toEqual({ period: "this_week", lang: "es", audience: "family" });
    expect(screen.getByTestId("nav-week").textContent?.trim()).toBe("Esta semana");
    expect(screen.getByTestId("nav-thanks").textContent?.trim()).toBe("Agradecimientos");
    expect(screen.getByTestId("overall-uptime").textContent).toMatch(/^\d{2,3}(,\d{2,3})?\u00a0%$/);
    expect(document.documentElement.lang).toBe("es");
    expect(localStorage.getItem("unsung.lang")).toBe("es");
    expect(screen.getByTestId("story-term").textContent).toBe("caída");
  });

  test("telling the story for the team asks for the team's story", async () => {
    const { store } = await openApp();
    await fireEvent.change(screen.getByTestId("audience-picker"), { target: { value: "team" } });
    await waitFor(() => expect(store.calls.at(-1)?.audience).toBe("team"));
    await waitFor(() => expect(screen.queryByTestId("story-explanation")).toBeNull());
    expect(screen.getByTestId("story-term")).toBeTruthy();
  });

  test("the Glossary view lists every term with its plain definition, in the chosen language", async () => {
    await openApp();
    await fireEvent.click(screen.getByTestId("nav-glossary"));
    const items = await screen.findAllByTestId("glossary-item");
    expect(items).toHaveLength(20);
    const outage = items.find((i) => i.querySelector("dt")?.textContent === "outage");
    expect(outage?.querySelector("dd")?.textContent).toBe(
      "A time when something stops working for everyone, not just for a few people.",
    );
    await fireEvent.change(screen.getByTestId("lang-picker"), { target: { value: "es" } });
    await waitFor(() =>
      expect(screen.getAllByTestId("glossary-item").map((i) => i.querySelector("dt")?.textContent)).toContain("caída"),
    );
  });

  test("every figure says how it was counted", async () => {
    await openApp();
    const explanations = screen.getAllByTestId("how-counted");
    const ids = new Set(explanations.map((e) => e.getAttribute("data-counted")));
    for (const id of [
      "counted-overall-uptime",
      "counted-trouble-time",
      "counted-problems",
      "counted-typical-fix",
      "counted-after-hours",
      "counted-days-since",
      "counted-service-uptime",
      "counted-day-bar",
      "counted-incident-duration",
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
    const afterHours = explanations.find((e) => e.getAttribute("data-counted") === "counted-after-hours");
    expect(afterHours?.querySelector("summary")?.textContent).toBe("How was this counted?");
    expect(afterHours?.textContent).toContain("before 09:00 or after 18:00");
    expect(afterHours?.textContent).toContain("Europe/Madrid");
  });
});

describe("Thank-yous", () => {
  test("the wall shows notes newest first with their words kept", async () => {
    await openThanks();
    expect(screen.getByTestId("nav-thanks").getAttribute("aria-current")).toBe("page");
    const items = screen.getAllByTestId("thanks-item");
    expect(items.length).toBe(4);
    expect(items[0].textContent).toContain("Thank you for Tuesday night.\nYou fixed checkout");
    expect((screen.getByTestId("thanks-author") as HTMLInputElement).value).toBe("Ana");
  });

  test("posting a note puts it on top at once and clears the message", async () => {
    const { store } = await openThanks();
    await post("Ben, Chloé", "Thanks for the calm deploy on Friday.");
    await waitFor(() => expect(screen.getAllByTestId("thanks-item")).toHaveLength(5));
    const first = screen.getAllByTestId("thanks-item")[0];
    expect(first.textContent).toContain("Thanks for the calm deploy on Friday.");
    expect(first.textContent).toContain("Ben and Chloé");
    expect((screen.getByTestId("thanks-message") as HTMLTextAreaElement).value).toBe("");
    expect(store.thanks[0]).toMatchObject({ author: "Ana", recipients: ["Ben", "Chloé"], incident_id: null });
    expect(localStorage.getItem("unsung.author")).toBe("Ana");
  });

  test("hostile text is shown as text, never as markup", async () => {
    await openThanks();
    await post(HOSTILE, `${HOSTILE}\n<script>alert(2)</script>`);
    await waitFor(() => expect(screen.getAllByTestId("thanks-item")).toHaveLength(5));
    const first = screen.getAllByTestId("thanks-item")[0];
    expect(first.textContent).toContain(`${HOSTILE}\n<script>alert(2)</script>`);
    expect(first.querySelector("img, script")).toBeNull();
    expect(document.querySelector("img")).toBeNull();
  });

  test("an empty message or no recipients is caught before sending", async () => {
    let posts = 0;
    const overview = buildOverview("this_week");
    mockIPC((cmd) => {
      if (cmd === "get_overview") return overview;
      if (cmd === "list_sources") return [];
      if (cmd === "list_thanks") return overview.thanks;
      if (cmd === "post_thanks") posts++;
    });
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await post("", "Thanks!");
    expect((await screen.findByTestId("error-banner")).textContent).toContain("at least one person");
    expect(document.activeElement).toBe(screen.getByTestId("thanks-recipients"));
    await post("Ben", "   ");
    expect(screen.getByTestId("error-banner").textContent).toContain("write a few words");
    expect(posts).toBe(0);
  });

  test("a refusal from the backend is shown as is", async () => {
    const overview = buildOverview("this_week");
    mockIPC((cmd) => {
      if (cmd === "get_overview") return overview;
      if (cmd === "list_sources") return [];
      if (cmd === "list_thanks") return overview.thanks;
      if (cmd === "post_thanks") return Promise.reject({ code: "storage", message: "The note could not be saved." });
    });
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await post("Ben", "Thank you");
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("The note could not be saved.");
    expect((screen.getByTestId("thanks-message") as HTMLTextAreaElement).value).toBe("Thank you");
    expect(screen.getAllByTestId("thanks-item")).toHaveLength(overview.thanks.length);
  });

  test("a half-written note survives a trip to This week", async () => {
    await openThanks();
    await fireEvent.input(screen.getByTestId("thanks-message"), { target: { value: "Draft" } });
    await fireEvent.click(screen.getByTestId("nav-week"));
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    expect((screen.getByTestId("thanks-message") as HTMLTextAreaElement).value).toBe("Draft");
  });

  test("a posted note stays on top even if an older list arrives later", async () => {
    const overview = buildOverview("this_week");
    const saved: ThankYou = { ...overview.thanks[0], id: "new", message: "Fresh", is_demo: false };
    let release: (list: ThankYou[]) => void = () => {};
    mockIPC((cmd) => {
      if (cmd === "get_overview") return overview;
      if (cmd === "list_sources") return [];
      if (cmd === "list_thanks") return new Promise<ThankYou[]>((r) => (release = r));
      if (cmd === "post_thanks") return saved;
    });
    render(App);
    await screen.findByTestId("week-details");
    await fireEvent.click(screen.getByTestId("nav-thanks"));
    await post("Ben", "Fresh");
    await waitFor(() => expect(screen.getAllByTestId("thanks-item")[0].textContent).toContain("Fresh"));
    release(overview.thanks);
    await new Promise((r) => setTimeout(r, 0));
    expect(screen.getAllByTestId("thanks-item")[0].textContent).toContain("Fresh");
  });
});
