// The Share view in happy-dom, with the IPC mock standing in for the backend.
import { fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import App from "../../App.svelte";
import type { ShareOptions } from "../bindings";
import { buildOverview } from "../../mock/fixture";
import { installMock } from "../../mock/install";
import { fileSize, parseNames } from "../share.svelte";

async function openShare() {
  const store = installMock();
  render(App);
  await screen.findByTestId("week-details");
  await fireEvent.click(screen.getByTestId("nav-share"));
  await screen.findByTestId("share-image");
  return store;
}

/** Clicks a button once it is enabled again (a save or copy in flight disables it). */
async function press(testid: string) {
  const button = screen.getByTestId(testid) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  await fireEvent.click(button);
}

const NAMES = /\b(Ana|Ben|Chloé|Dev|Marta)\b/;

const radio = (group: string, value: string) =>
  screen.getByTestId(group).querySelector(`input[value="${value}"]`) as HTMLInputElement;

describe("Share", () => {
  test("previews the card for the chosen period, as a picture with its words", async () => {
    await openShare();
    expect(screen.getByTestId("nav-share").getAttribute("aria-current")).toBe("page");
    const image = screen.getByTestId("share-image") as HTMLImageElement;
    expect(image.src.startsWith("data:image/")).toBe(true);
    expect(image.alt.length).toBeGreaterThan(10);
    expect(screen.getByTestId("share-file").textContent).toMatch(/unsung-.*\.png · \d+ KB/);
    expect(radio("share-format", "png").checked).toBe(true);
    expect(radio("share-size", "landscape").checked).toBe(true);
  });

  test("each format previews what it would save; size only matters for pictures", async () => {
    await openShare();
    await fireEvent.click(radio("share-size", "portrait"));
    await waitFor(() => expect(decodeURIComponent((screen.getByTestId("share-image") as HTMLImageElement).src)).toContain('width="1080"'));

    await fireEvent.click(radio("share-format", "pdf"));
    await waitFor(() => expect(screen.getByTestId("share-file").textContent).toMatch(/\.pdf/));
    expect(screen.queryByTestId("share-size")).toBeNull();
    expect(screen.getAllByTestId("share-image")[0].getAttribute("alt")).toBe("Page 1 of the PDF report.");

    await fireEvent.click(radio("share-format", "text"));
    const text = await screen.findByTestId("share-text");
    expect(screen.queryByTestId("share-image")).toBeNull();
    expect(text.textContent).toContain(buildOverview("this_week").story.headline);
  });

  test("teammates are unnamed unless allowed, and customers listed are left out", async () => {
    const store = await openShare();
    await fireEvent.click(radio("share-format", "text"));
    const text = await screen.findByTestId("share-text");
    await waitFor(() => expect(text.textContent).toContain("a teammate"));
    expect(text.textContent).not.toMatch(NAMES);

    await fireEvent.click(screen.getByTestId("share-show-names"));
    await waitFor(() => expect(screen.getByTestId("share-text").textContent).toMatch(NAMES));

    const customers = screen.getByTestId("share-customers");
    await fireEvent.input(customers, { target: { value: "Demo team\n\n  Globex  \n" } });
    await fireEvent.change(customers);
    await waitFor(() => expect(screen.getByTestId("share-text").textContent).toMatch(/^a customer · /));
    expect(store.shareOptions?.customer_names).toEqual(["Demo team", "Globex"]);
    expect(localStorage.getItem("unsung.share.customers")).toBe("Demo team\n\n  Globex  \n");
  });

  test("Save and Copy send the choices and confirm", async () => {
    const store = await openShare();
    await press("share-save");
    await waitFor(() => expect(screen.getByTestId("share-status").textContent).toMatch(/^Saved to \/home\/you\/Documents\/unsung-.*\.png \(\d+ KB\)\.$/));
    expect(store.saved).toHaveLength(1);

    await press("share-copy");
    await waitFor(() => expect(screen.getByTestId("share-status").textContent).toMatch(/^Copied/));
    expect(store.clipboard).toContain(buildOverview("this_week").story.headline);
  });

  test("a cancelled save says nothing; a failed one shows why", async () => {
    const calls: [string, ShareOptions][] = [];
    installMock();
    render(App);
    await screen.findByTestId("week-details");
    const overview = buildOverview("this_week");
    const png = { format: "png", size: "landscape", images: ["data:image/png;base64,AAAA"], text: "x", file_name: "a.png", bytes: 4 };
    let saves = 0;
    mockIPC((cmd, args) => {
      const a = args as { options: ShareOptions };
      if (cmd === "get_overview") return overview;
      if (cmd === "share_preview") return png;
      calls.push([cmd, a.options]);
      if (cmd === "share_save") {
        saves += 1;
        return saves === 1 ? null : Promise.reject({ code: "storage", message: "Could not save /x: permission denied." });
      }
    });
    await fireEvent.click(screen.getByTestId("nav-share"));
    await screen.findByTestId("share-image");
    await press("share-save");
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0][1]).toEqual({ format: "png", size: "landscape", customer_names: [], show_teammates: false });
    expect(screen.getByTestId("share-status").textContent).toBe("");
    await press("share-save");
    const banner = await screen.findByTestId("error-banner");
    expect(banner.textContent).toContain("permission denied");
  });

  test("hostile words in the preview text stay text", async () => {
    installMock();
    render(App);
    await screen.findByTestId("week-details");
    const hostile = `<img src=x onerror="window.__xss=1">`;
    mockIPC((cmd) => {
      if (cmd === "get_overview") return buildOverview("this_week");
      if (cmd === "share_preview")
        return { format: "text", size: "landscape", images: [], text: hostile, file_name: "a.txt", bytes: 10 };
    });
    await fireEvent.click(screen.getByTestId("nav-share"));
    const text = await screen.findByTestId("share-text");
    expect(text.textContent).toBe(hostile);
    expect(text.querySelector("img")).toBeNull();
  });
});

describe("helpers", () => {
  test("names are one per line, trimmed, blank lines skipped", () => {
    expect(parseNames(" Globex \n\nInitech\n")).toEqual(["Globex", "Initech"]);
  });

  test("file sizes read like a person would say them", () => {
    expect(fileSize(512)).toBe("512 bytes");
    expect(fileSize(107_697)).toBe("108 KB");
    expect(fileSize(1_250_000)).toBe("1.3 MB");
  });
});
