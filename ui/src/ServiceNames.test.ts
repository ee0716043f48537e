// Settings → Service names, and the question after the first sync that leads there, in the
// whole app in happy-dom with the IPC mock.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { beforeEach, describe, expect, test } from "vitest";
import App from "./App.svelte";
import { installMock } from "./mock/install";

beforeEach(() => localStorage.clear());

async function openSettings() {
  const store = installMock({ syncStepMs: 2 });
  render(App);
  await screen.findByTestId("week-details");
  await fireEvent.click(screen.getByTestId("nav-settings"));
  await screen.findAllByTestId("service-name-row");
  return store;
}

const rowOf = (internal: string) =>
  screen.getAllByTestId("service-name-row").find((r) => r.textContent?.includes(internal))!;

describe("Settings → Service names", () => {
  test("the suggestion is offered, used only on click, and saved with typed names", async () => {
    const store = await openSettings();
    const shop = within(rowOf("shop-web-prod"));
    const input = shop.getByTestId("service-name-input") as HTMLInputElement;
    expect(input.value).toBe("");
    expect(input.placeholder).toBe("Shop");
    await fireEvent.click(shop.getByTestId("service-name-suggestion"));
    expect(input.value).toBe("Shop");
    const website = within(rowOf("www-static-01")).getByTestId("service-name-input");
    await fireEvent.input(website, { target: { value: "  <b>the website</b>  " } });
    await fireEvent.click(screen.getByTestId("service-names-save"));
    await waitFor(() => expect(screen.getByTestId("service-names-notice").textContent).toMatch(/saved/));
    expect(store.serviceNames.get("svc-shop")).toBe("Shop");
    expect(store.serviceNames.get("svc-website")).toBe("<b>the website</b>");
    expect(document.querySelector("main b")).toBeNull();
  });

  test("after the first sync, the app asks once for friendly names and leads to them", async () => {
    await openSettings();
    await fireEvent.change(screen.getByTestId("source-kind"), { target: { value: "statuspage" } });
    await fireEvent.input(screen.getByTestId("source-name"), { target: { value: "status" } });
    await fireEvent.input(screen.getByTestId("source-url"), { target: { value: "https://status.example.com" } });
    await fireEvent.click(screen.getByTestId("source-add"));
    await waitFor(() => expect(screen.getAllByTestId("source-row")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("sync-now"));
    const go = await screen.findByTestId("ask-service-names-go");
    await fireEvent.click(go);
    await screen.findByTestId("service-names-section");
    await waitFor(() => expect(document.activeElement?.id).toBe("service-names-title"));
    expect(screen.queryByTestId("ask-service-names")).toBeNull();
    expect(localStorage.getItem("unsung.service-names-asked")).toBe("1");
  });
});
