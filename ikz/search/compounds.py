"""Compound splitting for German: "Abwasserbeseitigungspflicht" → abwasser|beseitigung|pflicht.

The dictionary is the noun list of the `german-nouns` package (all inflected forms from the
German Wiktionary) plus a short list of bound first parts; words are compared in the folded
form of `analysis.fold`. The split with the fewest parts wins; linking elements ("Fugen-s")
between parts are allowed.
"""

from functools import cache, lru_cache
from pathlib import Path

MIN_PART = 3
MAX_PART = 24
MIN_COMPOUND = 7
LINKS = ("s", "es", "n", "en", "e", "er", "ns")
DATA = Path(__file__).parent / "data"


def _fold(word: str) -> str:
    return word.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


@cache
def dictionary() -> frozenset[str]:
    from german_nouns.config import PACKAGE_PATH

    words: set[str] = set()
    index = Path(PACKAGE_PATH) / "index.txt"
    with index.open(encoding="utf-8") as fh:
        for line in fh:
            form = line.split("\t", 1)[0].strip()
            if len(form) >= MIN_PART and form.isalpha():
                words.add(_fold(form))
    for line in (DATA / "compound_prefixes.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w for w in line.split() if len(w) >= MIN_PART)
    from .analysis import stopwords

    # Prepositions and pronouns are nouns only in Wiktionary's corner cases ("das Aus").
    return frozenset(words - {_fold(w) for w in stopwords()} - {"aus", "vor", "ein", "auf", "ab", "an"})


@lru_cache(maxsize=200_000)
def _verb_stem(part: str) -> bool:
    """ "anmelde" (anmelden), "wohn" (wohnen): verb stems open many compounds."""
    import simplemma

    if len(part) < 4:
        return False
    for tail in ("n", "en"):
        verb = part.replace("ae", "ä").replace("oe", "ö").replace("ue", "ü") + tail
        if simplemma.is_known(verb, lang="de") and simplemma.lemmatize(verb, lang="de") == verb:
            return True
    return False


@lru_cache(maxsize=400_000)
def split(word: str) -> tuple[tuple[str, int], ...]:
    """(part, start) of a folded compound's parts, without linking elements; () if none."""
    n = len(word)
    if n < MIN_COMPOUND or not word.isalpha():
        return ()
    words = dictionary()
    # best[i] = (cost, parts) for the best split of word[:i]
    best: list[tuple[float, tuple[tuple[str, int], ...]] | None] = [None] * (n + 1)
    best[0] = (0.0, ())
    for i in range(MIN_PART, n + 1):
        candidates = []
        for j in range(max(0, i - MAX_PART - 2), i - MIN_PART + 1):
            prev = best[j]
            if prev is None:
                continue
            final = i == n
            part = word[j:i]
            if j == 0 and final:
                continue  # the whole word is not a split of itself
            if part in words:
                cost = prev[0] + 1 + (0.6 if len(part) == MIN_PART else 0)
                candidates.append((cost, prev[1] + ((part, j),)))
            elif not final and _verb_stem(part):
                candidates.append((prev[0] + 1.3, prev[1] + ((part, j),)))
            if not final:
                for link in LINKS:
                    if (
                        part.endswith(link)
                        and len(part) - len(link) >= MIN_PART
                        and part[: -len(link)] in words
                    ):
                        core = part[: -len(link)]
                        cost = prev[0] + 1.1 + (0.6 if len(core) == MIN_PART else 0)
                        candidates.append((cost, prev[1] + ((core, j),)))
        if candidates:
            best[i] = min(candidates)
    result = best[n]
    if result is None or len(result[1]) < 2:
        return ()
    return result[1]


def compound_parts(word: str) -> list[str]:
    """Parts to index beside the whole word: each part and each run of parts ending the word."""
    parts = split(word)
    if not parts:
        return []
    out = [part for part, _ in parts]
    for part, _ in parts:  # one level deeper: gewerbesteuer → gewerbe|steuer
        out.extend(sub for sub, _ in split(part) if len(sub) > MIN_PART)
    # Runs that end the word are compounds of their own: trink|wasser|versorgung also holds
    # "wasserversorgung", which another text may use.
    out.extend(word[start:] for _, start in parts[1:-1])
    return out
