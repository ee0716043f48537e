// What the mock backend answers for the Share view: a small drawn card (an SVG data URL, like
// the real PNG one), the story as plain text, and pretend saves. Names are taken out unless
// allowed, as the real privacy pass does, so the UI can be tested against it.
import type { Overview, ShareOptions, SharePreview } from "../lib/bindings";
import { PEOPLE } from "./fixture";

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const COLOURS: Record<string, string> = {
  up: "#3f9a5f",
  degraded: "#d6a100",
  partial: "#e0711d",
  down: "#cc3d33",
  maintenance: "#3b76c6",
  no_data: "#cbc3b6",
};

function hideNames(text: string, options: ShareOptions): string {
  let out = text;
  if (!options.show_teammates) {
    for (const name of PEOPLE) out = out.replaceAll(name, "a teammate");
  }
  for (const name of options.customer_names) out = out.replaceAll(name, "a customer");
  return out;
}

export function storyText(overview: Overview, options: ShareOptions): string {
  const lines = [
    `${overview.team_name} · ${overview.period.label}`,
    "",
    overview.story.headline,
    ...overview.story.paragraphs.flatMap((p) => ["", p]),
  ];
  if (overview.incidents.length > 0) {
    lines.push("", "What happened:", ...overview.incidents.map((i) => `- ${i.summary}`));
  }
  lines.push("", "Thank you to everyone who kept things running.");
  return hideNames(lines.join("\n") + "\n", options);
}

function card(overview: Overview, width: number, height: number): string {
  const days = overview.services[0]?.days ?? [];
  const slot = (width - 128) / Math.max(days.length, 1);
  const bars = days
    .map(
      (d, i) =>
        `<rect x="${(64 + i * slot).toFixed(1)}" y="${height / 2}" width="${(slot * 0.7).toFixed(1)}" height="60" rx="2" fill="${COLOURS[d.state]}"/>`,
    )
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="${width}" height="${height}" fill="#f6f2ea"/>` +
    `<text x="64" y="140" font-family="sans-serif" font-size="48" font-weight="700" fill="#2a2521">${escapeXml(overview.story.headline)}</text>` +
    `<text x="64" y="96" font-family="sans-serif" font-size="22" fill="#5e554b">${escapeXml(overview.period.label)}</text>` +
    `${bars}</svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function buildPreview(overview: Overview, options: ShareOptions): SharePreview {
  const [width, height] = options.size === "portrait" ? [1080, 1350] : [1200, 630];
  const images =
    options.format === "png"
      ? [card(overview, width, height)]
      : options.format === "pdf"
        ? [card(overview, 595, 842)]
        : [];
  const text = storyText(overview, options);
  const ext = options.format === "text" ? "txt" : options.format;
  return {
    format: options.format,
    size: options.size,
    images,
    text,
    file_name: `unsung-${overview.period.from.slice(0, 10)}.${ext}`,
    bytes: options.format === "text" ? text.length : 100_000 + images.join("").length,
  };
}
