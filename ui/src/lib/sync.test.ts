// A sync's events turned into progress, and its summary into a short result.
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, test } from "vitest";
import type { SourceSyncResult, SyncEvent, SyncProblem, SyncSummary } from "./bindings";
import { words } from "./i18n.svelte";
import { nextProgress, progressText, type SyncProgress, SyncState, syncOutcome } from "./sync.svelte";

const ok = (name: string): SourceSyncResult => ({
  name,
  ok: true,
  problem: null,
  message: null,
  requests: 3,
  services: 2,
  incidents: 1,
  shared_with_team: false,
});
/** A failure with the source's own English account, which the window words itself. */
const failed = (name: string, problem: SyncProblem, message = "x.example.com: HTTP 500. Earlier data is kept; check the query."): SourceSyncResult => ({
  ...ok(name),
  ok: false,
  problem,
  message,
});
const summary = (sources: SourceSyncResult[], team: SyncSummary["team"] = null): SyncSummary => ({
  ok: sources.every((s) => s.ok),
  sources,
  team,
});

describe("progress", () => {
  test("follows the events: which source, which step, how many are done", () => {
    const events: SyncEvent[] = [
      { event: "started", source: "pagerduty", index: 0, total: 3 },
      { event: "step", source: "pagerduty", step: "incidents from 1 May", requests: 2 },
      { event: "finished", result: ok("pagerduty") },
      { event: "started", source: "status", index: 1, total: 3 },
    ];
    const seen: (SyncProgress | null)[] = [];
    let progress: SyncProgress | null = null;
    for (const event of events) {
      progress = nextProgress(progress, event);
      seen.push(progress);
    }
    expect(seen.map(progressText)).toEqual([
      "Syncing “pagerduty”, 1 of 3…",
      "Syncing “pagerduty”, 1 of 3: incidents from 1 May…",
      "Syncing “pagerduty”, 1 of 3…",
      "Syncing “status”, 2 of 3…",
    ]);
    expect(progress).toMatchObject({ done: 1, index: 1 });
    expect(nextProgress(progress, { event: "done", summary: summary([]) })).toBeNull();
    expect(progressText(null)).toBe("Starting to sync…");
  });

  test("a step of another source than the one started changes nothing", () => {
    const started = nextProgress(null, { event: "started", source: "a", index: 0, total: 2 });
    expect(nextProgress(started, { event: "step", source: "b", step: "x", requests: 1 })).toBe(started);
  });

  test("reads as Spanish in Spanish", () => {
    words.setLang("es");
    const progress = nextProgress(null, { event: "started", source: "pd", index: 1, total: 3 });
    expect(progressText(progress)).toBe("Sincronizando «pd», 2 de 3…");
  });
});

describe("the result", () => {
  test("all synced", () => {
    expect(syncOutcome(summary([ok("a"), ok("b"), ok("c")]))).toEqual({ ok: true, text: "All 3 sources synced.", failures: [] });
    expect(syncOutcome(summary([ok("pd")])).text).toBe("“pd” synced.");
    expect(syncOutcome(summary([])).text).toBe("There are no sources to sync yet.");
  });

  test("one failure says why in the window's words, once that earlier data is kept, and no flag", () => {
    expect(syncOutcome(summary([ok("a"), failed("broken", "server_error"), ok("c")])).text).toBe(
      "1 source could not sync (“broken”): it kept failing on its side; try again later. Earlier data is kept. The other 2 sources synced.",
    );
    expect(syncOutcome(summary([failed("pd", "no_token")])).text).toBe(
      "1 source could not sync (“pd”): no token is set for it; paste one in Settings → Sources. Earlier data is kept.",
    );
    words.setLang("es");
    const spanish = syncOutcome(summary([failed("pd", "token_refused")])).text;
    expect(spanish).toBe(
      "1 fuente no se pudo sincronizar («pd»): rechazó el token; pega un token válido de solo lectura en Ajustes → Fuentes. Se conservan los datos anteriores.",
    );
  });

  test("several failures are listed one by one", () => {
    const outcome = syncOutcome(summary([failed("a", "unreachable"), failed("b", "timeout"), ok("c")]));
    expect(outcome.ok).toBe(false);
    expect(outcome.text).toBe("2 sources could not sync. Earlier data is kept. The other source synced.");
    expect(outcome.failures).toEqual([
      { name: "a", message: "it could not be reached; the network may be down or the address wrong." },
      { name: "b", message: "it took too long to answer; try again later." },
    ]);
  });

  test("says what happened to the notes waiting for the team database", () => {
    const sent = syncOutcome(summary([ok("a")], { sent: 2, waiting: 0, refused: 0, problem: null }));
    expect(sent.text).toBe("“a” synced. 2 waiting notes were sent.");
    const waiting = syncOutcome(summary([ok("a")], { sent: 0, waiting: 1, refused: 0, problem: "connection refused" }));
    expect(waiting.text).toBe("“a” synced. Still waiting: connection refused");
  });
});

describe("a sync run", () => {
  test("shows progress from the channel, ignores a second press, then reloads", async () => {
    const statuses: string[] = [];
    let reloads = 0;
    let calls = 0;
    const sync = new SyncState(async () => {
      reloads++;
    });
    mockIPC(async (cmd, args) => {
      expect(cmd).toBe("sync_sources");
      calls++;
      const channel = (args as { onEvent: { onmessage: (e: SyncEvent) => void } }).onEvent;
      const done = summary([ok("pd"), failed("broken", "bad_response")]);
      for (const event of [
        { event: "started", source: "pd", index: 0, total: 2 },
        { event: "step", source: "pd", step: "services", requests: 1 },
        { event: "finished", result: done.sources[0] },
        { event: "started", source: "broken", index: 1, total: 2 },
        { event: "finished", result: done.sources[1] },
        { event: "done", summary: done },
      ] as SyncEvent[]) {
        channel.onmessage(event);
        statuses.push(sync.status);
        await new Promise((r) => setTimeout(r, 1));
      }
      return done;
    });
    const running = sync.run();
    expect(sync.running).toBe(true);
    expect(await sync.run()).toBeNull();
    await running;
    expect(calls).toBe(1);
    expect(statuses).toContain("Syncing “pd”, 1 of 2: services…");
    expect(statuses).toContain("Syncing “broken”, 2 of 2…");
    expect(sync.running).toBe(false);
    expect(sync.status).toBe(
      "1 source could not sync (“broken”): its answer could not be read; check that the address points at the right tool. Earlier data is kept. The other source synced.",
    );
    expect(reloads).toBe(1);
  });

  test("a failed command says so and still reloads", async () => {
    let reloads = 0;
    const sync = new SyncState(async () => {
      reloads++;
    });
    mockIPC(() => Promise.reject({ code: "storage", message: "The database is locked." }));
    expect(await sync.run()).toBeNull();
    expect(sync.status).toBe("Could not sync: The database is locked.");
    expect(reloads).toBe(1);
  });
});
