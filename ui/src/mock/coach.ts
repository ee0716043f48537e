// The mock backend's coaching: the same shape and rules as unsung_core::coach (grade, sentences
// over 20 words, jargon words with a plain alternative) with a simple syllable count, so the
// editor can be driven in the browser and in tests.
import type { Coaching, JargonHit, Lang, Span } from "../lib/bindings";

const JARGON: Record<Lang, [string, string][]> = {
  en: [
    ["DNS", "the internet's address book"],
    ["failover", "switching to the spare"],
    ["rollback", "undoing the change"],
    ["deploy", "release"],
    ["latency", "slowness"],
    ["disk", "storage"],
    ["certificate", "security pass"],
    ["database", "list of records"],
    ["alert", "warning"],
  ],
  es: [
    ["DNS", "la guía de direcciones de internet"],
    ["failover", "cambio al equipo de reserva"],
    ["rollback", "deshacer el cambio"],
    ["disco", "almacenamiento"],
    ["certificado", "pase de seguridad"],
    ["alerta", "aviso"],
  ],
};

function syllables(word: string): number {
  const groups = word.toLowerCase().match(/[aeiouyáéíóúü]+/g);
  return Math.max(1, groups ? groups.length : 1);
}

const wordsOf = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));

export function mockCoach(text: string, lang: Lang): Coaching {
  const long_sentences: Span[] = [];
  const sentence = /[^.!?\n]+[.!?]*/g;
  let counted = 0;
  for (const found of text.matchAll(sentence)) {
    const words = wordsOf(found[0]).length;
    if (words > 2) counted++;
    if (words > 20) long_sentences.push({ start: found.index, end: found.index + found[0].trimEnd().length });
  }
  const words = wordsOf(text);
  const w = Math.max(1, words.length);
  const syl = words.reduce((sum, word) => sum + syllables(word), 0);
  const perSentence = w / Math.max(1, counted);
  const grade = 0.39 * perSentence + 11.8 * (syl / w) - 15.59;
  const ease = 206.84 - 0.6 * ((syl / w) * 100) - 1.02 * ((Math.max(1, counted) / w) * 100);
  const jargon: JargonHit[] = [];
  for (const [word, plain] of JARGON[lang]) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu");
    for (const found of text.matchAll(pattern)) {
      jargon.push({ start: found.index, end: found.index + found[0].length, word: found[0], plain });
    }
  }
  jargon.sort((a, b) => a.start - b.start);
  const longest = Math.max(0, ...text.split(/[.!?\n]/).map((s) => wordsOf(s).length));
  return {
    scores: {
      words: words.length,
      sentences: counted,
      syllables: syl,
      characters: text.replace(/\s/g, "").length,
      longest_sentence_words: longest,
      flesch_kincaid_grade: grade,
      automated_readability_index: grade,
      flesch_reading_ease: 206.835 - 1.015 * perSentence - 84.6 * (syl / w),
      fernandez_huerta: ease,
    },
    within_gates: lang === "es" ? ease >= 70 && longest <= 25 : grade <= 6 && longest <= 25,
    long_sentences,
    jargon,
  };
}
