// "What got better?" on an incident card, in happy-dom with the IPC mock as the backend: the
// source's note as a starting point, coaching as one types, a plain word only on click, the
// practice mark, saving, and hostile text staying text.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import App from "../../App.svelte";
import { pieces, usePlain } from "../coaching";
import { mockCoach } from "../../mock/coach";
import { installMock } from "../../mock/install";

/** The This week view (last 90 days, so every fixture incident is there) and one card's editor. */
async function editorOf(title: RegExp) {
  const store = installMock();
  render(App);
  await screen.findByTestId("week-details");
  const picker = screen.getByTestId("period-picker") as HTMLSelectElement;
  await fireEvent.change(picker, { target: { value: "last_90_days" } });
  const heading = await screen.findByRole("heading", { name: title });
  const card = heading.closest("li") as HTMLElement;
  return { store, card, editor: within(within(card).getByTestId("better")) };
}

const typeInto = async (area: HTMLElement, value: string) => fireEvent.input(area, { target: { value } });

describe("What got better?", () => {
  test("starts from the source's note and coaches it: grade, long sentence, jargon", async () => {
    const { editor } = await editorOf(/Some payments did not go through/);
    expect(editor.getByTestId("better-source").textContent).toMatch(/^RCA: \/var on db-primary-2/);
    await fireEvent.click(editor.getByTestId("better-start"));
    const area = editor.getByTestId("better-text") as HTMLTextAreaElement;
    expect(area.value).toMatch(/^RCA:/);
    expect(document.activeElement).toBe(area);
    await waitFor(() => expect(editor.getByTestId("better-grade").textContent).toMatch(/harder than the family story allows/));
    const marked = editor.getByTestId("better-marked");
    expect(marked.querySelectorAll("mark.jargon").length).toBeGreaterThan(0);
    expect(marked.querySelector(".long")).not.toBeNull();
    expect(marked.textContent).toBe(area.value);
  });

  test("a plain word replaces only its jargon word, and only when clicked", async () => {
    const { editor } = await editorOf(/Some payments did not go through/);
    const area = editor.getByTestId("better-text") as HTMLTextAreaElement;
    await typeInto(area, "We freed the disk. The disk now warns us early.");
    const buttons = await editor.findAllByTestId("better-use-plain");
    expect(buttons).toHaveLength(2);
    expect(area.value).toBe("We freed the disk. The disk now warns us early.");
    await fireEvent.click(buttons[1]);
    expect(area.value).toBe("We freed the disk. The storage now warns us early.");
    await waitFor(() => expect(editor.getAllByTestId("better-use-plain")).toHaveLength(1));
  });

  test("saving keeps the text, the practice mark and who wrote it", async () => {
    const { store, editor } = await editorOf(/Some payments did not go through/);
    const area = editor.getByTestId("better-text") as HTMLTextAreaElement;
    await typeInto(area, "We added an early warning.");
    await fireEvent.click(editor.getByTestId("better-practice"));
    await fireEvent.click(editor.getByTestId("better-save"));
    await waitFor(() => expect(editor.getByTestId("better-notice").textContent).toMatch(/Saved/));
    const saved = store.explanations.get("inc-checkout-1124");
    expect(saved?.text).toBe("We added an early warning.");
    expect(saved?.practice).toBe(true);
    await waitFor(() => expect(editor.getByTestId("better-by").textContent).toMatch(/Written by/));
  });

  test("shows who wrote it and who changed it last", async () => {
    const { editor } = await editorOf(/Nobody could log in to the mobile app/);
    expect(editor.getByTestId("better-by").textContent).toMatch(/Written by Chloé.*last changed by Ana/s);
    expect((editor.getByTestId("better-text") as HTMLTextAreaElement).value).toMatch(/renews its security pass/);
  });

  test("hostile text is shown as text, never as markup", async () => {
    const { card, editor } = await editorOf(/Some payments did not go through/);
    const hostile = '<img src=x onerror="window.hacked=1"> \u202Egnp.exe <script>alert(1)</script> DNS';
    await typeInto(editor.getByTestId("better-text"), hostile);
    await waitFor(() => expect(editor.getByTestId("better-marked").textContent).toBe(hostile));
    expect(card.querySelector("img, script")).toBeNull();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });
});

describe("coaching pieces", () => {
  test("cut the text at every mark and give it back whole", () => {
    const text = "We moved the DNS. ".repeat(2) + "word ".repeat(22).trim() + ".";
    const coaching = mockCoach(text, "en");
    const cut = pieces(text, coaching);
    expect(cut.map((p) => p.text).join("")).toBe(text);
    expect(cut.filter((p) => p.hit).map((p) => p.text)).toEqual(["DNS", "DNS"]);
    expect(cut.some((p) => p.long)).toBe(true);
  });

  test("a plain word is not put where the word has moved since", () => {
    const hit = { start: 13, end: 16, word: "DNS", plain: "the address book" };
    expect(usePlain("We fixed the DNS.", hit)).toBe("We fixed the the address book.");
    expect(usePlain("We fixed a DNS.", hit)).toBe("We fixed a DNS.");
  });
});
