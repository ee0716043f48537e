// The "What got better?" editor's coaching, as the window shows it: the text cut into pieces
// (plain, in a long sentence, a jargon word), the grade in words, and a jargon word replaced by
// its plain alternative only when the writer clicks it. Offsets are UTF-16 code units, which
// is what JavaScript strings index, so a span slices the text exactly.
import type { Coaching, JargonHit, Lang } from "./bindings";
import { t } from "./i18n.svelte";

/** A stretch of the text and how it is marked. */
export type Piece = { text: string; long: boolean; hit: JargonHit | null };

/** The text cut at every edge of a long sentence or a jargon word, in order; joined, the
 * pieces give the text back exactly. */
export function pieces(text: string, coaching: Coaching): Piece[] {
  const edges = new Set<number>([0, text.length]);
  for (const span of [...coaching.long_sentences, ...coaching.jargon]) {
    if (span.start >= 0 && span.end <= text.length && span.start < span.end) {
      edges.add(span.start);
      edges.add(span.end);
    }
  }
  const sorted = [...edges].sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    out.push({
      text: text.slice(start, end),
      long: coaching.long_sentences.some((s) => s.start <= start && end <= s.end),
      hit: coaching.jargon.find((h) => h.start === start && h.end === end) ?? null,
    });
  }
  return out;
}

/** `text` with `hit`'s word replaced by its plain alternative; unchanged when the word is no
 * longer where the coaching found it (the writer typed since). */
export function usePlain(text: string, hit: JargonHit): string {
  if (text.slice(hit.start, hit.end) !== hit.word) return text;
  return text.slice(0, hit.start) + hit.plain + text.slice(hit.end);
}

/** The grade in words, as the gates read it in `lang`. */
export function gradeWords(coaching: Coaching, lang: Lang): string {
  const verdict = coaching.within_gates ? t("ui-better-plain-enough") : t("ui-better-too-hard");
  const grade =
    lang === "es"
      ? t("ui-better-ease", { ease: Math.round(coaching.scores.fernandez_huerta) })
      : t("ui-better-grade", { grade: Math.max(0, Math.round(coaching.scores.flesch_kincaid_grade * 10) / 10) });
  return `${grade} ${verdict}`;
}

/** Calls `fn` once `ms` have passed without another call (the coaching waits for a pause). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
