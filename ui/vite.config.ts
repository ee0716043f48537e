/// <reference types="vitest/config" />
// Vite, Vitest and the mock build in one place.
//
// `vite build`             -> dist/       the real UI, talks to the Rust backend through Tauri IPC.
// `vite build --mode mock` -> dist-mock/  the same UI with an in-memory IPC mock installed first,
//                                          so it runs in a plain browser (browser tests, demos).
import { fileURLToPath, URL } from "node:url";
import { defineConfig, type Plugin } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

/** In mock mode, point index.html at the entry that installs the IPC mock before the app. */
function mockEntry(): Plugin {
  return {
    name: "unsung-mock-entry",
    transformIndexHtml: {
      order: "pre",
      handler: (html) => html.replace('src="/src/main.ts"', 'src="/src/main-mock.ts"'),
    },
  };
}

export default defineConfig(({ mode }) => {
  const mock = mode === "mock";
  return {
    plugins: [svelte(), ...(mock ? [mockEntry()] : [])],
    resolve: {
      alias: { $lib: fileURLToPath(new URL("./src/lib", import.meta.url)) },
      // Svelte's browser build, not its server build, when Vitest mounts components.
      ...(process.env.VITEST ? { conditions: ["browser"] } : {}),
    },
    // Tauri serves the UI itself; keep Vite's dev server on a fixed, local port. The locale
    // files live in ../assets/locales (shared with the Rust core), so the dev server may read
    // the repository root.
    server: { host: "127.0.0.1", port: 5173, strictPort: true, fs: { allow: [".."] } },
    clearScreen: false,
    build: {
      outDir: mock ? "dist-mock" : "dist",
      emptyOutDir: true,
      target: "es2022",
      // Everything as files: no inlined data: URLs, nothing that needs a relaxed CSP.
      assetsInlineLimit: 0,
      sourcemap: false,
    },
    test: {
      environment: "happy-dom",
      include: ["src/**/*.test.ts"],
      setupFiles: ["src/test-setup.ts"],
      testTimeout: 10_000,
    },
  };
});
