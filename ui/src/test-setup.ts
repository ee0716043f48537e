// Runs before every test file: a clean DOM, no leftover IPC mock, no remembered author,
// English and the family story again.
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach } from "vitest";
import { words } from "./lib/i18n.svelte";

afterEach(() => {
  cleanup();
  clearMocks();
  localStorage.clear();
  words.setLang("en");
  words.setAudience("family");
  localStorage.clear();
});
