// The UI's words, from the same Fluent files the Rust core tells stories with
// (assets/locales/<lang>/*.ftl), loaded at build time and formatted with @fluent/bundle.
// The chosen language and audience live here, so every component reads them the same way.
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { negotiateLanguages } from "@fluent/langneg";
import type { Audience, Lang } from "./bindings";
import enCounted from "../../../assets/locales/en/counted.ftl?raw";
import enDeliver from "../../../assets/locales/en/deliver.ftl?raw";
import enDemo from "../../../assets/locales/en/demo.ftl?raw";
import enGlossary from "../../../assets/locales/en/glossary.ftl?raw";
import enStory from "../../../assets/locales/en/story.ftl?raw";
import enUi from "../../../assets/locales/en/ui.ftl?raw";
import esCounted from "../../../assets/locales/es/counted.ftl?raw";
import esDeliver from "../../../assets/locales/es/deliver.ftl?raw";
import esDemo from "../../../assets/locales/es/demo.ftl?raw";
import esGlossary from "../../../assets/locales/es/glossary.ftl?raw";
import esStory from "../../../assets/locales/es/story.ftl?raw";
import esUi from "../../../assets/locales/es/ui.ftl?raw";

export const LANGS: readonly Lang[] = ["en", "es"];
export const AUDIENCES: readonly Audience[] = ["family", "team"];

/** The locale dates and numbers are written in: British order for English, as the core does. */
export const INTL_LOCALE: Record<Lang, string> = { en: "en-GB", es: "es-ES" };

const SOURCES: Record<Lang, string[]> = {
  en: [enStory, enGlossary, enCounted, enDemo, enUi, enDeliver],
  es: [esStory, esGlossary, esCounted, esDemo, esUi, esDeliver],
};

const LANG_KEY = "unsung.lang";
const AUDIENCE_KEY = "unsung.audience";

function build(lang: Lang): { bundle: FluentBundle; ids: string[] } {
  // Plain text everywhere, as in Rust: no invisible bidi marks around arguments.
  const bundle = new FluentBundle(INTL_LOCALE[lang], { useIsolating: false });
  const ids: string[] = [];
  for (const source of SOURCES[lang]) {
    const resource = new FluentResource(source);
    const errors = bundle.addResource(resource);
    if (errors.length > 0) throw new Error(`${lang}: ${errors.map(String).join("; ")}`);
    for (const entry of resource.body) if (!entry.id.startsWith("-")) ids.push(entry.id);
  }
  return { bundle, ids };
}

/** Each language's bundle, parsed the first time it is used (start-up parses only one). */
const BUNDLES: Partial<Record<Lang, { bundle: FluentBundle; ids: string[] }>> = {};

function bundleOf(lang: Lang): { bundle: FluentBundle; ids: string[] } {
  return (BUNDLES[lang] ??= build(lang));
}

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage may be unavailable; remembering the choice is only a convenience.
  }
}

/** The remembered language, else the best match for the system's languages, else English. */
export function initialLang(): Lang {
  const remembered = stored(LANG_KEY);
  if (remembered === "en" || remembered === "es") return remembered;
  const wanted = globalThis.navigator?.languages ?? [];
  const [best] = negotiateLanguages([...wanted], [...LANGS], { defaultLocale: "en", strategy: "lookup" });
  return best === "es" ? "es" : "en";
}

function initialAudience(): Audience {
  return stored(AUDIENCE_KEY) === "team" ? "team" : "family";
}

export type Args = Record<string, FluentVariable>;

class Words {
  lang = $state<Lang>(initialLang());
  audience = $state<Audience>(initialAudience());

  setLang(lang: Lang): void {
    this.lang = lang;
    store(LANG_KEY, lang);
    if (globalThis.document) document.documentElement.lang = lang;
  }

  setAudience(audience: Audience): void {
    this.audience = audience;
    store(AUDIENCE_KEY, audience);
  }

  get locale(): string {
    return INTL_LOCALE[this.lang];
  }

  /** A message in the current language; its id if there is no such message. */
  t(id: string, args?: Args): string {
    const { bundle } = bundleOf(this.lang);
    const message = bundle.getMessage(id);
    if (!message?.value) return id;
    return bundle.formatPattern(message.value, args);
  }

  /** An attribute of a message (".definition"), or "" when there is none. */
  attr(id: string, attribute: string, args?: Args): string {
    const { bundle } = bundleOf(this.lang);
    const pattern = bundle.getMessage(id)?.attributes[attribute];
    return pattern ? bundle.formatPattern(pattern, args) : "";
  }

  /** Every message id of the current language that starts with `prefix`, in file order. */
  ids(prefix: string): string[] {
    return bundleOf(this.lang).ids.filter((id) => id.startsWith(prefix));
  }
}

export const words = new Words();

/** Shorthand for `words.t`: reads the current language, so Svelte re-renders on a switch. */
export function t(id: string, args?: Args): string {
  return words.t(id, args);
}

export type GlossaryTerm = { id: string; name: string; definition: string };

/** Every glossary term in the current language, in the order the glossary file lists them. */
export function glossary(): GlossaryTerm[] {
  return words.ids("glossary-").map((key) => ({
    id: key.slice("glossary-".length),
    name: words.t(key),
    definition: words.attr(key, "definition"),
  }));
}

/** A message in a given language, whatever the current one is (for the mock backend). */
export function tIn(lang: Lang, id: string, args?: Args): string {
  const { bundle } = bundleOf(lang);
  const message = bundle.getMessage(id);
  return message?.value ? bundle.formatPattern(message.value, args) : id;
}

/** An attribute of a message in a given language. */
export function attrIn(lang: Lang, id: string, attribute: string): string {
  const { bundle } = bundleOf(lang);
  const pattern = bundle.getMessage(id)?.attributes[attribute];
  return pattern ? bundle.formatPattern(pattern) : "";
}

/** Message ids the same in every language, for tests. */
export function messageIds(lang: Lang): string[] {
  return [...bundleOf(lang).ids];
}
