import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import { Channel } from "@tauri-apps/api/core";
import {
  addSource,
  ApiError,
  getOverview,
  listSources,
  listThanks,
  postThanks,
  removeSource,
  shareCopy,
  sharePreview,
  shareSave,
  syncSources,
  testSource,
  toAppError,
} from "./api";
import type { NewSource, ShareOptions, SyncEvent, SyncSummary } from "./bindings";
import { buildOverview } from "../mock/fixture";

describe("commands", () => {
  test("send the contract's names and arguments and return the answer", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "get_overview") return buildOverview("last_week");
      if (cmd === "list_thanks") return [];
      if (cmd === "post_thanks") return { id: "1" };
    });
    const overview = await getOverview("last_week");
    expect(overview.period.kind).toBe("last_week");
    await getOverview("this_week", "es", "team");
    await listThanks();
    await listThanks(10);
    const note = { author: "Ana", recipients: ["Ben"], incident_id: null, period_from: null, period_to: null, message: "Thanks" };
    await postThanks(note);
    expect(calls).toEqual([
      ["get_overview", { period: "last_week", lang: "en", audience: "family" }],
      ["get_overview", { period: "this_week", lang: "es", audience: "team" }],
      ["list_thanks", { limit: null }],
      ["list_thanks", { limit: 10 }],
      ["post_thanks", { note }],
    ]);
  });

  test("share commands send the period and the options, never a path or a text", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "share_save") return null;
      return cmd === "share_preview" ? { images: [] } : null;
    });
    const options: ShareOptions = { format: "pdf", size: "landscape", customer_names: ["Globex"], show_teammates: false };
    await sharePreview("last_week", options, "es", "team");
    expect(await shareSave("last_week", options)).toBeNull();
    await shareCopy("this_week", options);
    expect(calls).toEqual([
      ["share_preview", { period: "last_week", options, lang: "es", audience: "team" }],
      ["share_save", { period: "last_week", options, lang: "en", audience: "family" }],
      ["share_copy", { period: "this_week", options, lang: "en", audience: "family" }],
    ]);
  });
});

describe("source commands", () => {
  test("send the names the shell registers; a sync passes a channel that hears each event", async () => {
    const calls: [string, unknown][] = [];
    const done: SyncSummary = { ok: true, sources: [], team: null };
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      if (cmd === "sync_sources") {
        const channel = (args as { onEvent: Channel<SyncEvent> }).onEvent;
        expect(channel).toBeInstanceOf(Channel);
        channel.onmessage({ event: "started", source: "pd", index: 0, total: 1 });
        channel.onmessage({ event: "done", summary: done });
        return done;
      }
      if (cmd === "list_sources") return [];
      if (cmd === "test_source") return "Connected";
      return null;
    });
    const source: NewSource = { name: "pd", kind: "pagerduty", url: null, query: null, service_label: null, slug: null, file: null, stack_url: null, repos: [], token: "t" };
    await listSources();
    await addSource(source);
    expect(await testSource("pd")).toBe("Connected");
    await removeSource("pd");
    const heard: SyncEvent[] = [];
    expect(await syncSources("pd", (event) => heard.push(event))).toEqual(done);
    expect(heard.map((e) => e.event)).toEqual(["started", "done"]);
    expect(calls.map(([cmd]) => cmd)).toEqual(["list_sources", "add_source", "test_source", "remove_source", "sync_sources"]);
    expect(calls[1][1]).toEqual({ source });
    expect(calls[2][1]).toEqual({ name: "pd" });
    expect((calls[4][1] as { only: string | null }).only).toBe("pd");
  });
});

describe("errors", () => {
  const rejectWith = (reason: unknown) =>
    mockIPC(() => Promise.reject(reason));

  test("an AppError from the backend keeps its code and message", async () => {
    rejectWith({ code: "invalid_input", message: "The message is empty." });
    const error = await getOverview("this_week").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "invalid_input", message: "The message is empty." });
  });

  test.each(["not_found", "storage", "source_failed", "internal"] as const)("code %s is kept", async (code) => {
    rejectWith({ code, message: "x" });
    await expect(listThanks()).rejects.toMatchObject({ code, message: "x" });
  });

  test("an unknown code becomes internal, the message stays", async () => {
    rejectWith({ code: "teapot", message: "I am a teapot." });
    await expect(postThanks({ author: "a", recipients: ["b"], incident_id: null, period_from: null, period_to: null, message: "m" })).rejects.toMatchObject({
      code: "internal",
      message: "I am a teapot.",
    });
  });

  test("a bare string (Tauri's own errors) becomes internal with that text", async () => {
    rejectWith("command get_overview not found");
    await expect(getOverview("this_week")).rejects.toMatchObject({
      code: "internal",
      message: "command get_overview not found",
    });
  });

  test("a thrown Error becomes internal with its message", async () => {
    mockIPC(() => {
      throw new TypeError("boom");
    });
    await expect(getOverview("this_week")).rejects.toMatchObject({ code: "internal", message: "boom" });
  });

  test.each([undefined, null, 42, "", {}, { code: 7 }, { message: "" }])("%j becomes internal with a readable message", (reason) => {
    const error = toAppError(reason);
    expect(error.code).toBe("internal");
    expect(error.message.length).toBeGreaterThan(10);
  });

  test("serialises to the AppError shape", () => {
    expect(JSON.parse(JSON.stringify(toAppError({ code: "storage", message: "Disk full." })))).toEqual({
      code: "storage",
      message: "Disk full.",
      detail: null,
    });
  });
});
