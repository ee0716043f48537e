// The built mock UI (dist-mock/) in Debian's headless Chromium.
//
// Serves dist-mock on 127.0.0.1 with the app's Content-Security-Policy, drives it with
// playwright-core, runs axe-core on both views in light and dark, and saves screenshots to
// tests/browser/out/ (the Sources ones also to /tmp/unsung-sources-*.png, for a quick look).
// Exits non-zero if any check fails. Run `npm run build:mock` first.
import { copyFileSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const HERE = dirname(fileURLToPath(import.meta.url));
const UI = resolve(HERE, "../..");
const DIST = join(UI, "dist-mock");
const OUT = join(HERE, "out");
const AXE = join(UI, "node_modules/axe-core/axe.min.js");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WATCHDOG_MS = 180_000;
const STEP_MS = 15_000;

// The same policy as src-tauri/tauri.conf.json (minus the IPC origins the mock does not use).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join("; ");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

// ---- a tiny static server ----

function serve(root) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (path !== root && !path.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    if (!existsSync(path)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "content-security-policy": CSP,
      "cache-control": "no-store",
    });
    createReadStream(path).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => ok(server));
  });
}

// ---- checks ----

const results = [];

async function check(name, fn) {
  const started = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true, detail: detail ?? "", ms: Date.now() - started });
    console.log(`  ok    ${name}${detail ? ` (${detail})` : ""}`);
  } catch (error) {
    const detail = String(error?.message ?? error).split("\n").slice(0, 12).join("\n        ");
    results.push({ name, ok: false, detail, ms: Date.now() - started });
    console.log(`  FAIL  ${name}\n        ${detail}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const AXE_SOURCE = readFileSync(AXE, "utf8");

/** Runs axe-core on the page; throws with a readable list of violations. */
async function axe(page) {
  // `addScriptTag({path})` inlines the file, which the page's CSP rightly blocks; evaluating
  // it through the DevTools protocol is not subject to the page's CSP.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // @ts-ignore axe is injected above
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ")}`),
    }));
  });
  if (violations.length > 0) {
    throw new Error(
      violations
        .map((v) => `${v.id} [${v.impact}] ${v.help}\n          ${v.nodes.join("\n          ")}`)
        .join("\n        "),
    );
  }
  return "no violations";
}

async function noHorizontalScroll(page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  if (scroll > client) {
    const widest = await page.evaluate((limit) => {
      const over = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > limit + 0.5);
      const leaf = over.filter((e) => !over.some((o) => o !== e && e.contains(o)));
      return leaf.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} "${e.textContent?.trim().slice(0, 40)}"`);
    }, client);
    assert(false, `page scrolls sideways: ${scroll}px of content in ${client}px; widest: ${widest.join("; ")}`);
  }
}

/**
 * Non-text contrast (WCAG 1.4.11): every visible form control's border stands out at least 3:1
 * against what is behind it, and a button that is only a border (quiet) likewise. Colours are
 * read by painting them on a canvas, so every CSS colour syntax (color-mix included) counts.
 */
async function controlBorders(page) {
  const failures = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    /** [r, g, b, a] with r, g, b in 0–255 and a in 0–1. */
    const rgba = (color) => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = "rgba(0, 0, 0, 0)";
      ctx.fillStyle = color;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return a === 0 ? [0, 0, 0, 0] : [r, g, b, a / 255];
    };
    const over = (top, below) => top.slice(0, 3).map((c, i) => c * top[3] + below[i] * (1 - top[3])).concat(1);
    /** The solid colour behind `el`: its ancestors' backgrounds, composed from the page down. */
    const behind = (el) => {
      const layers = [];
      for (let e = el.parentElement; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] === 1) break;
      }
      return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
    };
    const luminance = ([r, g, b]) => {
      const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratio = (a, b) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const name = (el) =>
      `${el.tagName.toLowerCase()}${el.type ? `[${el.type}]` : ""}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}${el.checked ? ":checked" : ""}`;
    const found = [];
    for (const el of document.querySelectorAll("input:not([type=hidden]), select, textarea, button")) {
      const box = el.getBoundingClientRect();
      const css = getComputedStyle(el);
      if (box.width < 4 || box.height < 4 || css.visibility === "hidden" || css.opacity === "0") continue;
      const width = parseFloat(css.borderTopWidth);
      const border = css.borderTopStyle === "none" || width === 0 ? [0, 0, 0, 0] : rgba(css.borderTopColor);
      const back = behind(el);
      if (el.tagName === "BUTTON") {
        // A filled button is found by its fill; one drawn only by its border, by the border.
        const fill = rgba(css.backgroundColor);
        if (fill[3] > 0 || border[3] === 0) continue;
      }
      if (border[3] === 0) {
        found.push(`${name(el)}: no visible border`);
        continue;
      }
      const r = ratio(over(border, back), back);
      if (r < 3) found.push(`${name(el)}: border ${css.borderTopColor} on ${back.slice(0, 3).map(Math.round)} is ${r.toFixed(2)}:1`);
    }
    return [...new Set(found)];
  });
  assert(failures.length === 0, `control borders under 3:1:\n${failures.join("\n")}`);
}

/** axe-core, then the control borders axe does not measure. */
async function accessible(page) {
  const result = await axe(page);
  await controlBorders(page);
  return `${result}, control borders ≥ 3:1`;
}

/** Switches light/dark and lets colour transitions settle before anything is measured. */
async function scheme(page, colorScheme) {
  await page.emulateMedia({ colorScheme });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await page.waitForTimeout(250);
}

/** A screenshot in out/, copied to /tmp/unsung-<name>.png. */
async function shot(target, name, options = {}) {
  const path = join(OUT, `${name}.png`);
  await target.screenshot({ path, ...options });
  copyFileSync(path, join("/tmp", `unsung-${name}.png`));
}

/** The focused element shows a visible outline (3px, not "none"). */
async function focusIsVisible(page) {
  const style = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const css = getComputedStyle(el);
    return { id: el.getAttribute("data-testid") ?? el.id ?? el.tagName, style: css.outlineStyle, width: parseFloat(css.outlineWidth) };
  });
  assert(style !== null, "nothing has focus");
  assert(style.style !== "none" && style.width >= 2, `no visible focus on ${style.id}: outline ${style.style} ${style.width}px`);
  return style.id;
}

/** Presses Tab until the element with `data-testid=id` has focus (at most `limit` times). */
async function tabTo(page, id, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((want) => document.activeElement?.getAttribute("data-testid") === want, id)) return;
    await page.keyboard.press("Tab");
  }
  assert(false, `${id} not reachable with Tab`);
}

/** A fresh page on `search` that records page errors, console errors and CSP violations. */
async function openPage(context, base, search, problems) {
  const fresh = await context.newPage();
  fresh.setDefaultTimeout(STEP_MS);
  fresh.on("pageerror", (e) => problems.push(`${search}: page error: ${e.message}`));
  fresh.on("console", (m) => {
    if (m.type() === "error") problems.push(`${search}: console error: ${m.text()}`);
  });
  // As the real app runs: prototypes frozen (tauri.conf.json's freezePrototype).
  await fresh.addInitScript(() => Object.freeze(Object.prototype));
  await fresh.emulateMedia({ colorScheme: "light", reducedMotion: "no-preference" });
  await fresh.goto(`${base}/${search}`, { waitUntil: "load" });
  return fresh;
}

const sourceRow = (page, name) => page.getByTestId("source-row").filter({ has: page.getByRole("heading", { name, exact: true }) });

const barsPerRow = (page) =>
  page.$$eval('[data-testid="service-row"]', (rows) =>
    rows.map((r) => r.querySelectorAll('[data-testid="day-bar"]').length),
  );

async function main() {
  assert(existsSync(join(DIST, "index.html")), `${DIST}/index.html is missing: run \`npm run build:mock\` first`);
  assert(existsSync(CHROMIUM), `${CHROMIUM} is missing`);
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  mkdirSync(OUT, { recursive: true });

  const server = await serve(DIST);
  const base = `http://127.0.0.1:${server.address().port}`;
  let browser;
  const watchdog = setTimeout(() => {
    console.error(`\nThe browser tests took longer than ${WATCHDOG_MS / 1000}s; stopping.`);
    browser?.close().catch(() => {});
    server.closeAllConnections?.();
    server.close();
    process.exit(2);
  }, WATCHDOG_MS);

  try {
    // launch() gives every run a fresh temporary profile and removes it on close.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
      timeout: 30_000,
    });
    console.log(`Chromium ${browser.version()} against ${base}\n`);

    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    await page.addInitScript(() => {
      // tauri.conf.json sets `freezePrototype: true`; run the UI the same way here.
      Object.freeze(Object.prototype);
      document.addEventListener("securitypolicyviolation", (e) => {
        // @ts-ignore test-only record
        (window.__csp ??= []).push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const story = page.getByTestId("story-headline");

    await check("index.html has no inline script or style", () => {
      assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), "inline <script> in index.html");
      assert(!/<style[\s>]/i.test(html), "inline <style> in index.html");
      assert(!/\sstyle=/i.test(html), "style attribute in index.html");
      assert(html.includes('name="color-scheme" content="light dark"'), "no color-scheme meta");
    });

    await check("the story is visible first", async () => {
      await page.emulateMedia({ colorScheme: "light", reducedMotion: "no-preference" });
      await page.goto(base, { waitUntil: "load" });
      await story.waitFor({ state: "visible" });
      const text = (await story.textContent())?.trim() ?? "";
      assert(text.length > 10, "empty headline");
      assert(await page.getByTestId("demo-badge").isVisible(), "no demo badge");
      assert((await page.getByTestId("nav-week").getAttribute("aria-current")) === "page", "nav-week not current");
      return text;
    });

    await check("every service row has 90 day bars, each labelled", async () => {
      const counts = await barsPerRow(page);
      assert(counts.length >= 1, "no service rows");
      assert(counts.every((n) => n === 90), `bars per row: ${counts.join(", ")}`);
      const unlabelled = await page.$$eval('[data-testid="day-bar"]', (bars) =>
        bars.filter((b) => !/^\d{1,2} \S+: \S/.test(b.getAttribute("aria-label") ?? "")).length,
      );
      assert(unlabelled === 0, `${unlabelled} bars without a label`);
      return `${counts.length} rows`;
    });

    await check("overall uptime and incidents are shown", async () => {
      const figure = (await page.getByTestId("overall-uptime").textContent())?.trim() ?? "";
      assert(/^\d{1,3}(\.\d{2,3})?%$/.test(figure), `overall uptime reads "${figure}"`);
      const incidents = await page.getByTestId("incident-item").count();
      assert(incidents > 0, "no incidents this week in the fixture");
      return `${figure}, ${incidents} incidents`;
    });

    await check("axe: This week, light", async () => {
      await scheme(page, "light");
      await page.screenshot({ path: join(OUT, "week-light.png"), fullPage: true });
      return await accessible(page);
    });

    await check("axe: This week, dark", async () => {
      await scheme(page, "dark");
      try {
        await shot(page, "week-dark", { fullPage: true });
        return await accessible(page);
      } finally {
        await scheme(page, "light");
      }
    });

    await check("What got better?: coached, light and dark, axe", async () => {
      const fresh = await openPage(context, base, "", problems);
      try {
        await fresh.getByTestId("story-headline").waitFor({ state: "visible" });
        const card = fresh.getByTestId("incident-item").filter({ has: fresh.getByTestId("better-source") }).first();
        await card.getByTestId("better-start").click();
        const area = card.getByTestId("better-text");
        await area.fill("We freed the disk on the database server and rolled back nothing. " +
          "We also added an alert that pages whoever is on call well before the disk fills up again so customers never notice.");
        await card.getByTestId("better-marked").waitFor({ state: "visible" });
        const grade = (await card.getByTestId("better-grade").textContent())?.trim() ?? "";
        assert(/grade/i.test(grade), `grade reads "${grade}"`);
        assert((await card.locator("mark.jargon").count()) >= 2, "jargon not marked");
        assert((await card.locator(".marked .long").count()) >= 1, "long sentence not marked");
        await card.scrollIntoViewIfNeeded();
        await scheme(fresh, "light");
        await shot(card, "better-editor-light");
        const light = await accessible(fresh);
        await scheme(fresh, "dark");
        await shot(card, "better-editor-dark");
        const dark = await accessible(fresh);
        return `light ${light}; dark ${dark}`;
      } finally {
        await fresh.close();
      }
    });

    await check("What got better?: keyboard only, suggestions and save", async () => {
      const fresh = await openPage(context, base, "", problems);
      try {
        await fresh.getByTestId("story-headline").waitFor({ state: "visible" });
        await tabTo(fresh, "better-start", 400);
        await focusIsVisible(fresh);
        await fresh.keyboard.press("Enter");
        const focused = () => fresh.evaluate(() => document.activeElement?.getAttribute("data-testid"));
        assert((await focused()) === "better-text", "Start from this does not move focus to the text");
        await fresh.keyboard.press("Control+A");
        await fresh.keyboard.type("We made the disk bigger.");
        await fresh.getByTestId("better-use-plain").first().waitFor({ state: "visible" });
        await tabTo(fresh, "better-use-plain", 10);
        const seen = await focusIsVisible(fresh);
        await fresh.keyboard.press("Enter");
        const value = await fresh.evaluate(() => document.activeElement?.value);
        assert(value === "We made the storage bigger.", `after the suggestion the text is "${value}"`);
        await tabTo(fresh, "better-practice", 20);
        await focusIsVisible(fresh);
        await fresh.keyboard.press("Space");
        await tabTo(fresh, "better-save", 10);
        await focusIsVisible(fresh);
        await fresh.keyboard.press("Enter");
        await fresh.getByTestId("better-notice").filter({ hasText: /Saved/ }).waitFor();
        return `focus seen on ${seen}`;
      } finally {
        await fresh.close();
      }
    });

    await check("switching the period re-renders the story", async () => {
      const before = await story.textContent();
      const labelBefore = await page.getByTestId("period-label").textContent();
      await page.getByTestId("period-picker").selectOption("last_90_days");
      await page.waitForFunction(
        (old) => document.querySelector('[data-testid="period-label"]')?.textContent !== old,
        labelBefore,
      );
      await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") === "false");
      const after = await story.textContent();
      assert(after !== before, "headline did not change");
      const counts = await barsPerRow(page);
      assert(counts.every((n) => n === 90), `bars per row after switch: ${counts.join(", ")}`);
      const label = await page.getByTestId("period-label").textContent();
      await page.getByTestId("period-picker").selectOption("this_week");
      await page.waitForFunction((old) => document.querySelector('[data-testid="story-headline"]')?.textContent === old, before);
      return label ?? "";
    });

    await check("keyboard: Tab reaches the nav, Enter switches, focus is visible", async () => {
      await page.locator("body").click({ position: { x: 5, y: 5 } });
      let found = false;
      for (let i = 0; i < 10 && !found; i++) {
        await page.keyboard.press("Tab");
        found = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "nav-thanks");
      }
      assert(found, "nav-thanks not reachable with Tab");
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert(outline !== "none", "no visible focus outline");
      await page.keyboard.press("Enter");
      await page.getByTestId("thanks-message").waitFor({ state: "visible" });
      assert((await page.getByTestId("nav-thanks").getAttribute("aria-current")) === "page", "nav-thanks not current");
    });

    await check("posting a thank-you shows it at the top", async () => {
      const message = "Thank you for the quiet Friday deploy.\nNobody noticed a thing.";
      await page.getByTestId("thanks-recipients").fill("Ben, Chloé");
      await page.getByTestId("thanks-message").fill(message);
      await page.getByTestId("thanks-submit").click();
      await page.waitForFunction(
        (m) => document.querySelector('[data-testid="thanks-item"]')?.textContent?.includes(m),
        message,
      );
      assert((await page.getByTestId("thanks-message").inputValue()) === "", "message field did not clear");
    });

    await check("a hostile note is shown as text and does not run", async () => {
      const hostile = `<img src=x onerror="window.__xss=1"><svg onload="window.__xss=2"></svg><script>window.__xss=3</script>`;
      await page.getByTestId("thanks-author").fill(`<b onmouseover="window.__xss=4">Eve</b>`);
      await page.getByTestId("thanks-recipients").fill(`<img src=y onerror="window.__xss=5">`);
      await page.getByTestId("thanks-message").fill(hostile);
      await page.getByTestId("thanks-submit").click();
      await page.waitForFunction(
        (m) => document.querySelector('[data-testid="thanks-item"]')?.textContent?.includes(m),
        hostile,
      );
      await page.getByTestId("thanks-item").first().hover();
      await page.waitForTimeout(300);
      assert((await page.evaluate(() => window.__xss)) === undefined, "window.__xss was set");
      const injected = await page.$$eval('[data-testid="thanks-item"]', (items) =>
        items.reduce((n, i) => n + i.querySelectorAll("img, svg, script, b").length, 0),
      );
      assert(injected === 0, `${injected} elements created from a note`);
      await page.getByTestId("thanks-author").fill("Ana");
      await page.evaluate(() => localStorage.setItem("unsung.author", "Ana"));
    });

    await check("an empty note is refused with a clear message", async () => {
      await page.getByTestId("thanks-recipients").fill("Ben");
      await page.getByTestId("thanks-message").fill("   ");
      await page.getByTestId("thanks-submit").click();
      const banner = page.getByTestId("error-banner");
      await banner.waitFor({ state: "visible" });
      assert((await banner.getAttribute("role")) === "alert", "error banner has no role=alert");
      return (await banner.textContent())?.trim() ?? "";
    });

    await check("axe: Thank-yous, light (with the error shown)", async () => {
      await page.screenshot({ path: join(OUT, "thanks-error-light.png"), fullPage: true });
      try {
        return await accessible(page);
      } finally {
        await page.getByTestId("thanks-recipients").fill("");
        await page.getByTestId("thanks-message").fill("");
      }
    });

    await check("axe: Thank-yous, light", async () => {
      await page.reload({ waitUntil: "load" });
      await story.waitFor({ state: "visible" });
      await page.getByTestId("nav-thanks").click();
      await page.getByTestId("thanks-item").first().waitFor({ state: "visible" });
      await scheme(page, "light");
      await page.screenshot({ path: join(OUT, "thanks-light.png"), fullPage: true });
      return await accessible(page);
    });

    await check("axe: Thank-yous, dark", async () => {
      await scheme(page, "dark");
      try {
        await page.screenshot({ path: join(OUT, "thanks-dark.png"), fullPage: true });
        return await accessible(page);
      } finally {
        await scheme(page, "light");
      }
    });

    await check("axe: Glossary, every term listed", async () => {
      await page.getByTestId("nav-glossary").click();
      await page.getByTestId("glossary-item").first().waitFor({ state: "visible" });
      const terms = await page.getByTestId("glossary-item").count();
      assert(terms === 20, `${terms} terms`);
      await page.screenshot({ path: join(OUT, "glossary-light.png"), fullPage: true });
      return await accessible(page);
    });

    await check("axe: This week in Spanish, with a term's tooltip open", async () => {
      await page.getByTestId("nav-week").click();
      await story.waitFor({ state: "visible" });
      await page.getByTestId("lang-picker").selectOption("es");
      await page.waitForFunction(
        () => document.querySelector('[data-testid="story-headline"]')?.textContent?.startsWith("Tu equipo"),
        null,
        { timeout: STEP_MS },
      );
      const lang = await page.evaluate(() => document.documentElement.lang);
      assert(lang === "es", `html lang=${lang}`);
      await page.getByTestId("story-term").first().focus();
      const tip = page.locator('[role="tooltip"]').first();
      await tip.waitFor({ state: "visible" });
      await page.screenshot({ path: join(OUT, "week-es-tooltip.png"), fullPage: false });
      try {
        return await accessible(page);
      } finally {
        await page.getByTestId("lang-picker").selectOption("en");
        await page.waitForFunction(
          () => document.querySelector('[data-testid="story-headline"]')?.textContent?.startsWith("Your team"),
          null,
          { timeout: STEP_MS },
        );
      }
    });

    await check("Spanish: no English month or weekday in any view", async () => {
      // Capitalised English names and abbreviations; Spanish ones are lower case ("mar, 24 nov").
      const english =
        /\b(January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Apr|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/;
      await page.getByTestId("lang-picker").selectOption("es");
      const seen = [];
      try {
        for (const [view, ready] of [
          ["week", "story-headline"],
          ["thanks", "thanks-item"],
          ["share", "share-image"],
          ["glossary", "glossary-item"],
          ["settings", "person-row"],
        ]) {
          await page.getByTestId(`nav-${view}`).click();
          await page.getByTestId(ready).first().waitFor({ state: "visible" });
          await page.waitForFunction(() => document.documentElement.lang === "es");
          const found = await page.evaluate((source) => {
            const pattern = new RegExp(source);
            const hits = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
              // A teammate's own words ("Thank you for Tuesday night") are theirs, not a date.
              const el = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
              if (el?.closest('[data-testid="thanks-item"] .message, option:not(:checked)')) continue;
              const texts =
                node.nodeType === Node.TEXT_NODE
                  ? [node.textContent ?? ""]
                  : ["aria-label", "title", "alt"].map((a) => node.getAttribute(a) ?? "");
              for (const text of texts) if (pattern.test(text)) hits.push(text.trim().slice(0, 80));
            }
            return hits;
          }, english.source);
          seen.push(`${view}: ${found.length}`);
          assert(found.length === 0, `English dates in ${view} (Spanish): ${[...new Set(found)].slice(0, 6).join(" | ")}`);
          if (view === "thanks") await shot(page, "thanks-es", { fullPage: true });
        }
      } finally {
        await page.getByTestId("lang-picker").selectOption("en");
        await page.getByTestId("nav-week").click();
        await story.waitFor({ state: "visible" });
      }
      return seen.join(", ");
    });

    await check("Share: the card preview shows under the CSP, and each format previews", async () => {
      await page.getByTestId("nav-share").click();
      const image = page.getByTestId("share-image");
      await image.waitFor({ state: "visible" });
      const loaded = await image.evaluate((img) => img.complete && img.naturalWidth > 0);
      assert(loaded, "the preview image did not load (blocked by the CSP?)");
      await page.locator('[data-testid="share-format"] input[value="text"]').check();
      await page.getByTestId("share-text").waitFor({ state: "visible" });
      await page.locator('[data-testid="share-format"] input[value="png"]').check();
      await image.waitFor({ state: "visible" });
      await page.getByTestId("share-copy").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="share-status"]')?.textContent?.startsWith("Copied"));
      return (await page.getByTestId("share-file").textContent())?.trim() ?? "";
    });

    await check("axe: Share, light and dark", async () => {
      await page.waitForFunction(() => document.querySelector('[data-testid="share-preview"]')?.getAttribute("aria-busy") === "false");
      await scheme(page, "light");
      await page.screenshot({ path: join(OUT, "share-light.png"), fullPage: true });
      await accessible(page);
      await scheme(page, "dark");
      try {
        await page.screenshot({ path: join(OUT, "share-dark.png"), fullPage: true });
        return await accessible(page);
      } finally {
        await scheme(page, "light");
      }
    });

    await check("readable at 200% zoom and on a narrow window (no sideways scroll)", async () => {
      for (const width of [550, 320]) {
        await page.setViewportSize({ width, height: 800 });
        await page.getByTestId("nav-week").click();
        await story.waitFor({ state: "visible" });
        await noHorizontalScroll(page);
        await page.screenshot({ path: join(OUT, `week-${width}px.png`), fullPage: width === 550 });
        await page.getByTestId("nav-share").click();
        await page.getByTestId("share-image").waitFor({ state: "visible" });
        await noHorizontalScroll(page);
        await page.screenshot({ path: join(OUT, `share-${width}px.png`), fullPage: width === 550 });
        await page.getByTestId("nav-thanks").click();
        await noHorizontalScroll(page);
      }
      await page.screenshot({ path: join(OUT, "thanks-320px.png"), fullPage: false });
      await page.setViewportSize({ width: 1100, height: 800 });
    });

    await check("reduced motion turns transitions off", async () => {
      await page.emulateMedia({ reducedMotion: "reduce" });
      const duration = await page.evaluate(
        () => getComputedStyle(document.querySelector('[data-testid="thanks-submit"]')).transitionDuration,
      );
      await page.emulateMedia({ reducedMotion: "no-preference" });
      assert(duration.split(",").every((d) => parseFloat(d) < 0.01), `transition-duration ${duration}`);
    });

    await check("axe: Settings, light and dark", async () => {
      await page.getByTestId("nav-settings").click();
      await page.getByTestId("person-row").first().waitFor({ state: "visible" });
      await page.getByTestId("team-status").waitFor({ state: "visible" });
      await scheme(page, "light");
      await page.screenshot({ path: join(OUT, "settings-light.png"), fullPage: true });
      const light = await accessible(page);
      await scheme(page, "dark");
      try {
        await page.screenshot({ path: join(OUT, "settings-dark.png"), fullPage: true });
        await accessible(page);
      } finally {
        await scheme(page, "light");
      }
      await page.setViewportSize({ width: 320, height: 800 });
      await noHorizontalScroll(page);
      await page.setViewportSize({ width: 1100, height: 800 });
      return light;
    });

    await check("Settings → Family and friends and Team chat: secrets write-only, rows shown, axe", async () => {
      await page.getByTestId("nav-settings").click();
      await page.getByTestId("family-add").waitFor({ state: "visible" });
      await page.getByTestId("family-name").fill("<b>Abuela</b> Rosa");
      await page.getByTestId("family-address").fill("rosa@familia.example");
      await page.getByTestId("family-lang").selectOption("es");
      await page.getByTestId("family-add").click();
      await page.getByTestId("family-row").first().waitFor({ state: "visible" });
      assert((await page.getByTestId("family-row").first().textContent())?.includes("<b>Abuela</b> Rosa"), "the name is not shown as typed");
      await page.getByTestId("email-smtp").fill("smtp://ana@mail.example.org:587");
      await page.getByTestId("email-sender").fill("ana@example.org");
      await page.getByTestId("email-password").fill("browser-secret-pw");
      await page.getByTestId("email-save").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="email-password-set"]')?.textContent?.includes("A password is set"));
      await page.getByTestId("channel-name").fill("team");
      await page.getByTestId("channel-secret").fill("https://hooks.slack.com/services/T0/B0/browser-secret-hook");
      await page.getByTestId("channel-add").click();
      await page.getByTestId("channel-row").first().waitFor({ state: "visible" });
      const html = await page.content();
      assert(!html.includes("browser-secret-pw") && !html.includes("browser-secret-hook"), "a secret is in the page");
      await scheme(page, "light");
      await shot(page.locator('[aria-labelledby="family-title"]'), "settings-family-light");
      await axe(page);
      await scheme(page, "dark");
      try {
        await shot(page.locator('[aria-labelledby="channels-title"]'), "settings-channels-dark");
        return await axe(page);
      } finally {
        await scheme(page, "light");
      }
    });

    await check("Settings → You and Weekly story: keyboard, the sentence, saved; screenshots", async () => {
      await page.getByTestId("nav-settings").click();
      const weekly = page.getByTestId("weekly-section");
      await weekly.waitFor({ state: "visible" });
      await page.waitForFunction(() => document.querySelector('[data-testid="you-tz"]')?.value !== "");
      // From the You section's name field, the keyboard reaches every control of both sections.
      await page.getByTestId("you-name").focus();
      await focusIsVisible(page);
      for (const id of ["you-tz", "you-start", "you-end", "you-save", "weekly-enabled"]) {
        await tabTo(page, id, 15);
        await focusIsVisible(page);
      }
      const toggle = page.getByTestId("weekly-enabled");
      assert(!(await toggle.isChecked()), "the notice is on with no source connected");
      await page.keyboard.press("Space");
      assert(await toggle.isChecked(), "Space did not turn the notice on");
      for (const id of ["weekly-day", "weekly-hour", "weekly-save"]) {
        await tabTo(page, id, 5);
        await focusIsVisible(page);
      }
      const sentence = (await page.getByTestId("weekly-sentence").textContent())?.trim() ?? "";
      assert(
        sentence === "On Monday at 09:00, Unsung tells you when the new week's story is ready (while the app is running, it syncs first).",
        `the sentence reads "${sentence}"`,
      );
      await page.getByTestId("weekly-save").press("Enter");
      await page.waitForFunction(() => document.querySelector('[data-testid="weekly-notice"]')?.textContent === "The weekly notice is saved.");
      await scheme(page, "light");
      await weekly.scrollIntoViewIfNeeded();
      await shot(weekly, "settings-weekly-light");
      await shot(page.getByTestId("you-section"), "settings-you-light");
      await accessible(page);
      await scheme(page, "dark");
      try {
        await shot(weekly, "settings-weekly-dark");
        await accessible(page);
      } finally {
        await scheme(page, "light");
      }
      return sentence;
    });

    await check("Sources: a source added through the form is listed", async () => {
      await page.getByTestId("nav-settings").click();
      const section = page.getByTestId("sources-section");
      await section.waitFor({ state: "visible" });
      assert((await page.getByTestId("sync-now").count()) === 0, "Sync now shown with no source");
      const add = async (kind, fields) => {
        await page.getByTestId("source-kind").selectOption(kind);
        for (const [testid, value] of Object.entries(fields)) await page.getByTestId(testid).fill(value);
        await page.getByTestId("source-add").click();
      };
      await add("pagerduty", { "source-name": "pagerduty", "source-token": "u+read-only-token" });
      await sourceRow(page, "pagerduty").waitFor({ state: "visible" });
      await add("statuspage", { "source-name": "status", "source-url": "https://status.example.com" });
      await sourceRow(page, "status").waitFor({ state: "visible" });
      // A missing field is pointed at, in words, before anything is sent.
      await add("uptime-kuma", { "source-name": "broken", "source-url": "https://broken.example.com" });
      const banner = section.getByTestId("error-banner");
      await banner.waitFor({ state: "visible" });
      const refusal = (await banner.textContent())?.trim() ?? "";
      assert(refusal.includes("Status page name"), `refusal reads "${refusal}"`);
      assert((await page.getByTestId("source-slug").getAttribute("aria-invalid")) === "true", "slug not marked invalid");
      await add("uptime-kuma", { "source-slug": "shop" });
      await sourceRow(page, "broken").waitFor({ state: "visible" });
      // GitHub's repositories go in a textarea, one per line, and come back in the list.
      await page.getByTestId("source-kind").selectOption("github");
      await page.getByTestId("source-name").fill("shipped");
      await page.getByTestId("source-token").fill("gh-read-only-token");
      await page.getByTestId("source-repos").focus();
      await page.keyboard.type("octo-org/web");
      await page.keyboard.press("Enter");
      await page.keyboard.type("octo-org/api");
      await page.getByTestId("source-add").click();
      await sourceRow(page, "shipped").waitFor({ state: "visible" });
      const shipped = (await sourceRow(page, "shipped").textContent()) ?? "";
      assert(shipped.includes("repositories octo-org/web, octo-org/api"), `the GitHub row reads "${shipped}"`);
      const token = (await sourceRow(page, "pagerduty").getByTestId("source-token-home").textContent())?.trim();
      assert(token === "Yes, in the system keychain", `token line reads "${token}"`);
      const html = await page.content();
      assert(!html.includes("u+read-only-token") && !html.includes("gh-read-only-token"), "a token is in the page");
      return `${await page.getByTestId("source-row").count()} sources; refused first with "${refusal}"`;
    });

    await check("Sync now (keyboard): live progress, then the result with the failing source's message", async () => {
      const button = page.getByTestId("sync-now");
      const status = page.getByTestId("sync-status");
      await button.focus();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => /Syncing “[^”]+”, \d of 4/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ""));
      assert((await button.getAttribute("aria-disabled")) === "true", "the button is not disabled while syncing");
      assert((await status.getAttribute("role")) === "status", "progress is not a live region");
      const progress = (await status.textContent())?.trim() ?? "";
      await page.waitForFunction(() => /: .+…/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ""));
      await shot(page.getByTestId("sources-section"), "sources-syncing-light");
      // A second press while it runs starts nothing.
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-now"]')?.getAttribute("aria-disabled") === "false");
      const result = (await status.textContent())?.trim() ?? "";
      assert(result.startsWith("1 source could not sync (“broken”): it kept failing on its side"), `result reads "${result}"`);
      assert(result.split("Earlier data is kept").length === 2, `result reads "${result}"`);
      assert(result.includes("The other 3 sources synced."), `result reads "${result}"`);
      const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
      assert(focused === "sync-now", `focus moved to ${focused}`);
      const error = (await sourceRow(page, "broken").getByTestId("source-error").textContent())?.trim() ?? "";
      assert(error.includes("kept failing on its side (HTTP 500)"), `the broken row says "${error}"`);
      const counts = (await sourceRow(page, "status").getByTestId("source-counts").textContent())?.trim();
      assert(counts === "6 services, 3 incidents", `status brought in "${counts}"`);
      return `${progress} → ${result}`;
    });

    await check("axe: Sources, light and dark", async () => {
      const section = page.getByTestId("sources-section");
      await scheme(page, "light");
      await section.scrollIntoViewIfNeeded();
      await shot(section, "sources-light");
      await shot(page, "settings-sources-light", { fullPage: true });
      const light = await accessible(page);
      await scheme(page, "dark");
      try {
        await shot(section, "sources-dark");
        await accessible(page);
      } finally {
        await scheme(page, "light");
      }
      await page.setViewportSize({ width: 320, height: 800 });
      await noHorizontalScroll(page);
      await shot(section, "sources-320px");
      await page.setViewportSize({ width: 1100, height: 800 });
      return light;
    });

    await check("This week: Sync now is there with sources, and reloads the story", async () => {
      await page.getByTestId("nav-week").click();
      await story.waitFor({ state: "visible" });
      const before = (await page.getByTestId("sync-status").textContent())?.trim() ?? "";
      assert(before.startsWith("1 source could not sync"), `This week shows "${before}"`);
      await page.getByTestId("sync-now").click();
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-now"]')?.getAttribute("aria-disabled") === "true");
      await page.waitForFunction(() => document.querySelector('[data-testid="sync-now"]')?.getAttribute("aria-disabled") === "false");
      await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") === "false");
      await story.waitFor({ state: "visible" });
      await scheme(page, "light");
      await shot(page, "week-sync-light");
      await accessible(page);
      await scheme(page, "dark");
      try {
        await shot(page, "week-sync-dark");
        return await accessible(page);
      } finally {
        await scheme(page, "light");
      }
    });

    await check("no CSP violations, page errors or console errors", async () => {
      const csp = await page.evaluate(() => window.__csp ?? []);
      const all = [...csp.map((c) => `CSP: ${c}`), ...problems];
      assert(all.length === 0, all.join("\n"));
    });

    await check("offline: a note waits to send, says so, and passes axe", async () => {
      const offline = await context.newPage();
      offline.setDefaultTimeout(STEP_MS);
      await offline.emulateMedia({ colorScheme: "light" });
      await offline.goto(`${base}/?mock-offline`, { waitUntil: "load" });
      await offline.getByTestId("story-headline").waitFor({ state: "visible" });
      await offline.getByTestId("thank-fixer").first().click();
      await offline.getByTestId("thanks-about").waitFor({ state: "visible" });
      await offline.getByTestId("thanks-recipients").fill("Ben");
      await offline.getByTestId("thanks-message").fill("Thank you for the night you gave up.");
      await offline.getByTestId("thanks-submit").click();
      await offline.getByTestId("thanks-waiting").first().waitFor({ state: "visible" });
      await offline.getByTestId("thanks-waiting-summary").waitFor({ state: "visible" });
      await offline.screenshot({ path: join(OUT, "thanks-waiting-light.png"), fullPage: true });
      await accessible(offline);
      await offline.close();
    });

    const elsewhere = [];

    await check("first run: the welcome, walked with the keyboard, lands on the labelled demo week", async () => {
      const first = await openPage(context, base, "?mock-first-run", elsewhere);
      try {
        const welcome = first.getByTestId("welcome");
        await welcome.waitFor({ state: "visible" });
        assert((await first.getByTestId("story").count()) === 0, "the story shows before the welcome is done");
        await first.waitForFunction(() => document.querySelector('[data-testid="you-tz"]')?.value !== "");
        const zone = await first.getByTestId("you-tz").inputValue();
        const machine = await first.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
        assert(zone === machine, `the zone offered is ${zone}, not the machine's ${machine}`);
        await scheme(first, "light");
        await shot(first, "welcome-light", { fullPage: true });
        await accessible(first);
        await scheme(first, "dark");
        try {
          await shot(first, "welcome-dark", { fullPage: true });
          await accessible(first);
        } finally {
          await scheme(first, "light");
        }
        // Keyboard only: Tab to the name, type, pick a zone, on to the demo button.
        await first.locator("body").click({ position: { x: 5, y: 5 } });
        await tabTo(first, "you-name");
        await focusIsVisible(first);
        await first.keyboard.type("Robin");
        await tabTo(first, "you-tz", 3);
        await focusIsVisible(first);
        await first.getByTestId("you-tz").selectOption("Europe/Madrid");
        const boxes = first.locator('[data-testid="you-days"] input[type="checkbox"]');
        await tabTo(first, "you-start", 3);
        await tabTo(first, "you-end", 3);
        await first.keyboard.press("Tab");
        const onBox = await first.evaluate(() => document.activeElement?.getAttribute("type"));
        assert(onBox === "checkbox", `Tab after the end time reached ${onBox}, not the first day`);
        await focusIsVisible(first);
        assert((await boxes.count()) === 7, "not seven day checkboxes");
        await tabTo(first, "welcome-connect", 10);
        await focusIsVisible(first);
        await tabTo(first, "welcome-demo", 3);
        await focusIsVisible(first);
        await first.keyboard.press("Enter");
        await first.getByTestId("story-headline").waitFor({ state: "visible" });
        assert((await first.getByTestId("welcome").count()) === 0, "the welcome is still there");
        assert(await first.getByTestId("demo-badge").isVisible(), "the demo team is not labelled");
        const badge = (await first.getByTestId("demo-badge").textContent())?.replace(/\s+/g, " ").trim() ?? "";
        assert(/Demo team.*sample data/.test(badge), `the badge reads "${badge}"`);
        const focused = await first.evaluate(() => document.activeElement?.id);
        assert(focused === "main", `focus is on "${focused}" after the welcome, not on the page's main part`);
        // Settings keeps the answers.
        await first.getByTestId("nav-settings").click();
        await first.waitForFunction(() => document.querySelector('[data-testid="you-name"]')?.value === "Robin");
        assert((await first.getByTestId("you-tz").inputValue()) === "Europe/Madrid", "the zone was not kept");
        return badge;
      } finally {
        await first.close();
      }
    });

    await check("first run: Connect a source opens Settings → Sources, and the demo is one click away", async () => {
      const first = await openPage(context, base, "?mock-first-run", elsewhere);
      try {
        await first.getByTestId("welcome").waitFor({ state: "visible" });
        await first.getByTestId("welcome-connect").click();
        await first.getByTestId("sources-section").waitFor({ state: "visible" });
        await first.waitForFunction(() => document.activeElement?.id === "sources-title");
        await first.getByTestId("sources-see-demo").click();
        await first.getByTestId("story-headline").waitFor({ state: "visible" });
        assert((await first.getByTestId("welcome").count()) === 0, "the welcome came back");
      } finally {
        await first.close();
      }
    });

    await check("offline: figures as of the last sync; Sync now says the network may be down and keeps them", async () => {
      const offline = await openPage(context, base, "?mock-synced&mock-network-down&mock-sync-ms=20", elsewhere);
      try {
        await offline.getByTestId("story-headline").waitFor({ state: "visible" });
        const asOf = offline.getByTestId("figures-as-of");
        await asOf.waitFor({ state: "visible" });
        const before = (await asOf.textContent())?.trim() ?? "";
        assert(before === "Figures as of Fri 27 Nov, 08:15.", `the line reads "${before}"`);
        const uptime = await offline.getByTestId("overall-uptime").textContent();
        await offline.getByTestId("sync-now").click();
        await offline.waitForFunction(() => /network may be down/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ""));
        await offline.waitForFunction(() => document.querySelector('[data-testid="sync-now"]')?.getAttribute("aria-disabled") === "false");
        await offline.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") === "false");
        const status = (await offline.getByTestId("sync-status").textContent())?.trim() ?? "";
        assert(status.startsWith("1 source could not sync (“status”): it could not be reached; the network may be down"), `status reads "${status}"`);
        assert((await asOf.textContent())?.trim() === before, "the figures line changed");
        assert((await offline.getByTestId("overall-uptime").textContent()) === uptime, "the figures changed");
        await shot(offline, "week-offline-light");
        await accessible(offline);
        await scheme(offline, "dark");
        try {
          await shot(offline, "week-offline-dark");
          await accessible(offline);
        } finally {
          await scheme(offline, "light");
        }
        return status;
      } finally {
        await offline.close();
      }
    });

    await check("SysAdmin Day: a card suggests a thank-you; its button opens the form", async () => {
      const day = await openPage(context, base, "?mock-sysadmin-day", elsewhere);
      try {
        const card = day.getByTestId("sysadmin-day");
        await card.waitFor({ state: "visible" });
        await scheme(day, "light");
        await shot(card, "sysadmin-day-light");
        await accessible(day);
        await scheme(day, "dark");
        try {
          await shot(card, "sysadmin-day-dark");
          await accessible(day);
        } finally {
          await scheme(day, "light");
        }
        const title = (await card.locator("h2").textContent())?.trim() ?? "";
        await day.getByTestId("sysadmin-thank").focus();
        await focusIsVisible(day);
        await day.keyboard.press("Enter");
        await day.getByTestId("thanks-message").waitFor({ state: "visible" });
        await day.waitForFunction(() => document.activeElement?.id === "thanks-recipients");
        return title;
      } finally {
        await day.close();
      }
    });

    await check("at 200% zoom (640 CSS pixels, twice the pixels): every view fits without sideways scroll", async () => {
      const zoomed = await browser.newContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2, locale: "en-GB" });
      const seen = [];
      try {
        const first = await openPage(zoomed, base, "?mock-first-run&mock-synced&mock-sysadmin-day", elsewhere);
        await first.getByTestId("welcome").waitFor({ state: "visible" });
        await noHorizontalScroll(first);
        await shot(first, "welcome-640px-2x", { fullPage: true });
        seen.push("welcome");
        await first.getByTestId("welcome-demo").click();
        await first.getByTestId("story-headline").waitFor({ state: "visible" });
        await first.getByTestId("figures-as-of").waitFor({ state: "visible" });
        await first.getByTestId("sysadmin-day").waitFor({ state: "visible" });
        await noHorizontalScroll(first);
        await shot(first, "week-640px-2x");
        seen.push("week");
        for (const [nav, ready] of [
          ["nav-thanks", "thanks-message"],
          ["nav-share", "share-preview"],
          ["nav-glossary", "glossary-item"],
          ["nav-settings", "weekly-section"],
        ]) {
          await first.getByTestId(nav).click();
          await first.getByTestId(ready).first().waitFor({ state: "visible" });
          await noHorizontalScroll(first);
          seen.push(nav.slice(4));
        }
        await first.getByTestId("weekly-section").scrollIntoViewIfNeeded();
        await shot(first, "settings-640px-2x");
        await first.close();
      } finally {
        await zoomed.close();
      }
      return seen.join(", ");
    });

    await check("no CSP violations, page errors or console errors on the other pages", async () => {
      assert(elsewhere.length === 0, elsewhere.join("\n"));
    });

    await check("a failed load shows the error and Retry recovers", async () => {
      const fresh = await context.newPage();
      fresh.setDefaultTimeout(STEP_MS);
      await fresh.emulateMedia({ colorScheme: "light" });
      await fresh.goto(`${base}/?mock-fail=get_overview&mock-delay=150`, { waitUntil: "load" });
      const banner = fresh.getByTestId("error-banner");
      await banner.waitFor({ state: "visible" });
      const text = (await banner.textContent())?.trim() ?? "";
      assert((await banner.getAttribute("role")) === "alert", "no role=alert");
      await accessible(fresh);
      await fresh.screenshot({ path: join(OUT, "error-light.png") });
      await banner.getByRole("button", { name: "Try again" }).click();
      await fresh.getByTestId("loading").waitFor({ state: "visible" });
      await fresh.screenshot({ path: join(OUT, "loading-light.png") });
      await fresh.getByTestId("story-headline").waitFor({ state: "visible" });
      assert((await fresh.getByTestId("error-banner").count()) === 0, "error banner still shown");
      await fresh.close();
      return text;
    });
  } finally {
    clearTimeout(watchdog);
    await browser?.close().catch(() => {});
    server.closeAllConnections?.();
    await new Promise((done) => server.close(done));
  }
}

try {
  await main();
} catch (error) {
  results.push({ name: "setup", ok: false, detail: String(error?.message ?? error) });
  console.log(`  FAIL  setup\n        ${error?.message ?? error}`);
}

const failed = results.filter((r) => !r.ok);
console.log(
  `\n${results.length - failed.length} of ${results.length} browser checks passed.` +
    (failed.length ? ` Failed: ${failed.map((r) => r.name).join("; ")}.` : "") +
    ` Screenshots in ${OUT.replace(UI + sep, "")}/`,
);
process.exit(failed.length ? 1 : 0);
