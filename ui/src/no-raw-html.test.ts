// Outside text (titles, notes, names) is data: no source file may turn a string into markup.
// This makes the rule in ui/README.md ("no {@html}") a check that fails, not only a promise.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SINKS = [/\{@html\b/, /\.innerHTML\s*=/, /\.outerHTML\s*=/, /insertAdjacentHTML/, /document\.write/, /new DOMParser/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

describe("no string reaches markup", () => {
  it("no component or module uses an HTML sink", () => {
    const offenders = sourceFiles(join(__dirname)).flatMap((file) =>
      SINKS.filter((sink) => sink.test(readFileSync(file, "utf8"))).map((sink) => `${file}: ${sink}`),
    );
    expect(offenders).toEqual([]);
  });
});
