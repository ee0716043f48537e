// Runs before every test file: a clean DOM, no leftover IPC mock, no remembered author,
// English and the family story again.
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeAll } from "vitest";
import { preload } from "./lib/later";
import { words } from "./lib/i18n.svelte";

// The views that load lazily in the app, compiled before the tests start: a test waits for
// what it shows, not for Vite's first transform of a chunk.
beforeAll(() => preload(), 30_000);

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
  words.setLang("en");
  words.setAudience("family");
  localStorage.clear();
});
