"""Name normalisation: one key function for both sides of every lookup.

:func:`name_key` turns a place name (or a span of article text) into a
comparison key that is equal for the usual transliteration variants of an
Arabic name::

    >>> name_key("Deir ez-Zor") == name_key("Deir al-Zour") == name_key("Dayr az Zawr")
    True
    >>> name_key("Qaryatayn") == name_key("Qaryatain")
    True

The steps (in this order, each documented in :func:`token_norm`):

1. Unicode NFKD, combining marks dropped (``Ḩalab`` -> ``halab``), lowercase;
   apostrophes and ayn/hamza marks (``' ‘ ’ ` ´ ʿ ʾ ʻ ʼ``) removed.
2. Split into tokens on spaces, hyphens and punctuation (so "Deir ez-Zor",
   "Deir ez Zor" and "Deir-ez-Zor" give the same tokens).
3. Article tokens (al-, el-, a-, as-, ash-, at-, ad-, adh-, ar-, az-, an-,
   es-, ez-, ...) are dropped wherever they stand, unless the name is only
   articles.
4. Each remaining token is folded (:func:`token_norm`): doubled letters
   collapsed, a token-initial consonant + ``w`` + vowel -> consonant + ``uw`` ("Sweida" =
   "Suwayda"), ``ou/oo/aw`` (before a consonant) -> ``u``, ``ei/ey/ay/ai``
   (before a consonant) -> ``e``, ``ee`` -> ``i``, ``dh`` -> ``d``,
   then ``e`` -> ``a`` and ``o`` -> ``u``, a final ``h`` after a vowel
   dropped (Sukhnah/Sukhna), doubled letters collapsed again.
   ``q``/``k``, ``kh``, ``gh``, ``sh``, ``th`` are kept apart on purpose
   (Qamishli is not Kamishli in any gazetteer we load; merging them would
   merge real, different places).
5. Tokens are joined without separator and doubled letters across the joins
   collapsed.

:func:`strip_feature_words` separates a name's core from the feature words
that only hint at its kind ("al-Tar hilltop" -> ("al-Tar", "hill")).
"""
from __future__ import annotations

import operator
import re
import unicodedata
from functools import lru_cache
from typing import Optional

#: Bump when name_key() / strip_feature_words() change behaviour (cached
#: indexes built with another version are rebuilt or flagged).
KEY_VERSION = "11"

__all__ = ["KEY_VERSION",
    "name_key", "match_key", "loose_key", "skeleton_key", "loose_of_key", "skeleton_of_key", "skeleton_variants", "name_tokens", "token_norm", "strip_feature_words", "ARTICLES",
    "ENGLISH_ARTICLE_LIKE", "KIND_COMPATIBLE", "strip_suffix_word", "leading_hint", "glued_article_variants", "kind_agrees", "unit_types", "units_conflict", "KIND_CLASS_BLOCKS", "fold_text", "tokenize",
    "TOKEN_RE",
]

#: Marks removed outright (apostrophes, ayn / hamza signs, backtick).
_DROP_CHARS = dict.fromkeys(map(ord, "'‘’`´ʿʾʻʼ′\u02bf\u02be\u2018\u2019\u201b"), None)

#: Article forms of Arabic transliteration, as whole tokens.
ARTICLES: frozenset[str] = frozenset({
    "al", "el", "il", "ul", "a", "e", "i", "u",
    "as", "ash", "at", "ath", "ad", "adh", "ar", "az", "an", "ag",
    "es", "esh", "et", "eth", "ed", "edh", "er", "ez", "en",
    "is", "ish", "it", "ith", "id", "idh", "ir", "iz", "in",
    "us", "ush", "ut", "uth", "ud", "udh", "ur", "uz", "un",
})

#: Article forms that are also (common) English words or letters: in running
#: text they count as an article only when glued with a hyphen ("a-Sukhna",
#: "Deir ez-Zor" is fine either way since "ez" is not here).
ENGLISH_ARTICLE_LIKE: frozenset[str] = frozenset({
    "a", "e", "i", "u", "as", "at", "an", "is", "it", "in", "us", "un", "ed", "en",
    "er", "es", "et", "id", "ir", "ad", "ag", "ar",
})

#: Tokens of a text: runs of letters/digits (Unicode aware). Apostrophes and
#: ayn marks inside a word are part of the token ("Za'lanah"), except a
#: possessive "'s" ("Palmyra's" -> "Palmyra", "s").
TOKEN_RE = re.compile(r"[^\W_](?:[^\W_]|['‘’`´ʿʾʻʼ](?![sS]\b)(?=[^\W_]))*")

_DOUBLE_RE = re.compile(r"([^\W\d_])\1+")     # doubled letters (digits stay: "113")
_FIRST = operator.itemgetter(1)          # replacement: the first of a doubled letter
_W_RE = re.compile(r"[au]w(?![aeiouy])")
_DIPH_RE = re.compile(r"(?:ei|ey|ay|ai)(?![aeiouy])")
_E_O = str.maketrans({"e": "a", "o": "u"})
#: "wy" before a consonant is "way" with its vowel lost ("Buwyr" = "Buwayr").
_CYC_RE = re.compile(r"(?<=w)y(?=[b-df-hj-np-tv-xz])")
#: Arabic words begin with one consonant: a token-initial consonant + w + vowel lost
#: the short vowel of the diminutive ("Sweida" = "Suwayda", "Hwash" = "Huwash", "Dwa" = "Duwa").
_INITIAL_CW_RE = re.compile(r"\A([b-df-hj-np-tvxz]h?)w(?=[aeiy])")
#: Patterns one more folding pass would change (a cheap test before repeating
#: the rules; a hypothesis test checks name_key stays idempotent).
_AGAIN_RE = re.compile(r"\A[b-df-hj-np-tvxz]h?w[aeiy]|ee|wy[b-df-hj-np-tv-xz]|[au]w(?![aeiouy])|[ae][iy](?![aeiouy])|dh|ou|[eo]|ie\Z|(?<=.)[aiu]h\Z|"
                       r"^\d+(?:st|nd|rd|th|d)\Z|([^\W\d_])\1|[^\x00-\x7f]|[A-Z]")
_ORDINAL_TOKEN_RE = re.compile(r"(\d+)(?:st|nd|rd|th|d)?")


@lru_cache(maxsize=400_000)
def fold_text(s: str) -> str:
    """Lowercase, strip diacritics (NFKD) and apostrophe/ayn marks.

    >>> fold_text("Ḩalab’s")
    'halabs'
    """
    if s.isascii():
        return s.translate(_DROP_CHARS).lower()
    # lower() first: "İ".lower() is "i" + a combining dot, dropped just below
    # (folding twice must give the same text: name_key is idempotent)
    s = unicodedata.normalize("NFKD", s.lower().replace("ı", "i").replace("ß", "ss"))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_DROP_CHARS).lower()


def tokenize(s: str) -> list[str]:
    """Split a (folded or raw) string into word tokens; punctuation separates."""
    return TOKEN_RE.findall(s)


@lru_cache(maxsize=400_000)
def token_norm(tok: str) -> str:
    """Fold one token (already lowercased, no diacritics) to its key form;
    idempotent (the rules of :func:`_token_norm_once` repeated until stable).

    >>> token_norm("sukhnah"), token_norm("baydhah"), token_norm("zawr"), token_norm("mejbel")
    ('sukhna', 'bada', 'zur', 'majbal')
    """
    t = _token_norm_once(tok)
    if not _AGAIN_RE.search(t):
        return t                       # (the usual case: one pass is a fixpoint)
    for _ in range(len(t) + 2):
        t2 = _token_norm_once(t)
        if t2 == t:
            break
        t = t2
    return t


def _token_norm_once(tok: str) -> str:
    """One pass of the token folding rules (see the module docs)."""
    t = tok if tok.isascii() and tok.islower() else fold_text(tok)
    if t[:1].isdigit():
        m = _ORDINAL_TOKEN_RE.fullmatch(t)
        if m:
            return m.group(1)            # "113th" -> "113" (digits are not folded)
    if "ee" in t:
        t = t.replace("ee", "i")     # before doubled letters collapse: "Kuljabreen" = "Kuljabrin"
    if "wy" in t:
        t = _CYC_RE.sub("e", t)
    t = _DOUBLE_RE.sub(_FIRST, t)
    if "ou" in t:
        t = t.replace("ou", "u")
    if "w" in t[1:3]:
        t = _INITIAL_CW_RE.sub(r"\1uw", t)
    if "w" in t:
        t = _W_RE.sub("u", t)
    if "y" in t or "i" in t:
        t = _DIPH_RE.sub("e", t)
    if "dh" in t:
        t = t.replace("dh", "d")
    if t.endswith("ie"):
        t = t[:-1]
    t = t.translate(_E_O)
    if len(t) > 2 and t[-1] == "h" and t[-2] in "aiu":
        t = t[:-1]
    return _DOUBLE_RE.sub(_FIRST, t)


@lru_cache(maxsize=400_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """The folded content tokens of a name (articles dropped).

    >>> name_tokens("Deir ez-Zor")
    ('dar', 'zur')
    """
    toks = tokenize(fold_text(name))
    content = [t for t in toks if t not in ARTICLES]
    if not content:
        content = toks
    return tuple(n for n in (token_norm(t) for t in content) if n)


def join_key(tokens) -> str:
    """Join folded tokens into a key, collapsing doubled letters at the joins."""
    return _DOUBLE_RE.sub(_FIRST, "".join(tokens))


@lru_cache(maxsize=400_000)
def match_key(name: str) -> str:
    """The token-by-token key of a name: its folded tokens joined (what the
    text matcher builds incrementally, one token at a time). Equal to
    :func:`name_key` except where a join creates a foldable pattern.

    >>> match_key("Deir ez-Zor")
    'darzur'
    """
    return join_key(name_tokens(name))


@lru_cache(maxsize=400_000)
def name_key(name: str) -> str:
    """The comparison key of a place name; '' when the name has no letters.

    Idempotent: ``name_key(name_key(s)) == name_key(s)`` for every string
    (the folding of :func:`match_key` is repeated on the joined key until it
    no longer changes; every rule keeps or shortens the key, so this stops).

    >>> name_key("Al-Sukhnah") == name_key("a-Sukhna") == name_key("As Sukhnah")
    True
    >>> name_key("Tadmor") == name_key("Tadmur")
    True
    """
    k = match_key(name)
    if not _AGAIN_RE.search(k):
        return k                       # no join made a foldable pattern
    for _ in range(len(k) + 2):
        k2 = match_key(k)
        if k2 == k:
            break
        k = k2
    return k


# --------------------------------------------------------------------------
# looser keys: consonant classes, consonant skeleton
# --------------------------------------------------------------------------

#: Consonant classes merged by :func:`loose_key` (applied in this order on a
#: name_key): the letters analysts write for the same Arabic sound.
LOOSE_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"), ("gh", "g"), ("ch", "sh"), ("th", "t"), ("dh", "d"), ("ts", "s"),
    ("q", "k"), ("c", "k"), ("x", "h"), ("p", "b"), ("v", "f"), ("w", "u"), ("y", "i"),
    ("e", "a"), ("o", "u"),
)
_LOOSE_PAIRS = tuple((a, b) for a, b in LOOSE_RULES if len(a) == 2)
_LOOSE_TABLE = str.maketrans({a: b for a, b in LOOSE_RULES if len(a) == 1})
_VOWELS_RE = re.compile(r"[aeiou]+")


@lru_cache(maxsize=400_000)
def loose_key(name: str) -> str:
    """:func:`name_key` with consonant classes merged (kh/h, gh/g, q/k, th/t,
    w/u, y/i, ...; see :data:`LOOSE_RULES`) and doubled letters collapsed.
    Vowels are kept: the ranking of :func:`skeleton_key` matches compares
    loose keys (rapidfuzz ratio).

    >>> loose_key("Qursaa") == loose_key("Kursaa"), loose_key("Khan") == loose_key("Han")
    (True, True)
    """
    return loose_of_key(name_key(name))


@lru_cache(maxsize=400_000)
def loose_of_key(k: str) -> str:
    """:func:`loose_key` of a string that already is a :func:`name_key` (no re-keying)."""
    for a, b in _LOOSE_PAIRS:
        if a in k:
            k = k.replace(a, b)
    return _DOUBLE_RE.sub(_FIRST, k.translate(_LOOSE_TABLE))


@lru_cache(maxsize=400_000)
def skeleton_key(name: str) -> str:
    """The consonant skeleton of a name: :func:`loose_key` without vowels
    (a e i o u; y and w count as vowels there), doubled letters collapsed.
    The second, looser index level: names sharing a skeleton are candidates
    for one another, ranked by closeness of their loose keys.

    >>> skeleton_key("Tall Wasat") == skeleton_key("Tal Wassit") == "tlst"
    True
    >>> skeleton_key("Kafarya") == skeleton_key("Kafriya")
    True
    """
    return skeleton_of_key(name_key(name))


@lru_cache(maxsize=400_000)
def skeleton_variants(k: str) -> tuple[str, ...]:
    """Skeletons of a name key: :func:`skeleton_of_key`, plus the one with
    ``kh`` read as ``k`` when the key has a ``kh`` (Sabkha / Sabka), and the
    one with a ``c`` (not ``ch``) read as ``j`` (Turkish and Kurdish spelling:
    Cariqli / Jariqli).

    >>> skeleton_variants("sabkha")
    ('sbh', 'sbk')
    """
    out = [skeleton_of_key(k)]
    if "kh" in k:
        out.append(skeleton_of_key(k.replace("kh", "k")))
    if "c" in k and _TURKISH_C_RE.search(k):
        # Turkish / Kurdish spelling: "c" is "j" ("Cariqli" = "Jariqli", "Cerce" = "Jerji")
        out.append(skeleton_of_key(_TURKISH_C_RE.sub("j", k)))
    return tuple(dict.fromkeys(out))


_TURKISH_C_RE = re.compile(r"c(?!h)")


@lru_cache(maxsize=400_000)
def skeleton_of_key(k: str) -> str:
    """:func:`skeleton_key` of a string that already is a :func:`name_key`."""
    k = loose_of_key(k)
    return _DOUBLE_RE.sub(_FIRST, _VOWELS_RE.sub("", k)) if k else ""


# --------------------------------------------------------------------------
# feature words
# --------------------------------------------------------------------------

#: Kind hints of feature words that FOLLOW the core ("al-Mahr oilfield").
#: Multi-word forms first; matching is case-insensitive on the folded text.
SUFFIX_FEATURES: tuple[tuple[str, str], ...] = (
    ("oil and gas fields", "oil or gas field"), ("oil/gas fields", "oil or gas field"),
    ("oil/gas field", "oil or gas field"), ("gas/oil fields", "oil or gas field"),
    ("oil fields", "oil or gas field"), ("oil field", "oil or gas field"),
    ("gas fields", "oil or gas field"), ("gas field", "oil or gas field"),
    ("oilfields", "oil or gas field"), ("oilfield", "oil or gas field"),
    ("fields", "oil or gas field"), ("field", "oil or gas field"),
    ("gasfields", "oil or gas field"), ("gasfield", "oil or gas field"),
    ("oil wells", "oil or gas field"), ("oil well", "oil or gas field"),
    ("military airbase", "airbase"), ("military air base", "airbase"),
    ("military airfield", "airbase"), ("military air field", "airbase"),
    ("international airport", "airbase"), ("air defense base", "military base"),
    ("air defence base", "military base"),
    ("military airport", "airbase"), ("air base", "airbase"), ("airbase", "airbase"),
    ("air field", "airbase"), ("airfield", "airbase"), ("airport", "airbase"),
    ("airstrip", "airbase"), ("military base", "military base"),
    ("army base", "military base"), ("naval base", "naval base"),
    ("radar base", "military base"), ("radar station", "military base"),
    ("base", "military base"), ("checkpoint", "military base"),
    ("barracks", "military base"), ("garrison", "military base"),
    ("hilltops", "hill"), ("hilltop", "hill"), ("hills", "hill"), ("hill", "hill"),
    ("heights", "hill"), ("mountains", "hill"), ("mountain", "hill"), ("mount", "hill"),
    ("peak", "hill"), ("ridge", "hill"),
    ("farms", "settlement"), ("farm", "settlement"),
    ("district", "settlement"), ("neighbourhood", "settlement"),
    ("neighborhood", "settlement"), ("quarter", "settlement"), ("suburb", "settlement"),
    ("village", "settlement"), ("town", "settlement"), ("city", "settlement"),
    ("camp", "settlement"),
    ("crossroads", "crossroads"), ("crossroad", "crossroads"), ("roundabout", "crossroads"),
    ("junction", "crossroads"), ("intersection", "crossroads"),
    ("dam", "dam"), ("border crossing", "border crossing"), ("crossing", "border crossing"),
    # military units and sites ("137th Mechanized Brigade", "Brigade 137")
    ("mechanized brigade", "military base"), ("mechanised brigade", "military base"),
    ("armoured brigade", "military base"), ("armored brigade", "military base"),
    ("infantry brigade", "military base"), ("artillery brigade", "military base"),
    ("air defense brigade", "military base"), ("air defence brigade", "military base"),
    ("missile brigade", "military base"), ("tank brigade", "military base"),
    ("special forces brigade", "military base"), ("brigade base", "military base"),
    ("brigade", "military base"), ("regiment", "military base"), ("battalion", "military base"),
    ("armoured division", "military base"), ("armored division", "military base"),
    ("reserve division", "military base"), ("division", "military base"),
    ("military academy", "military base"), ("academy", "military base"),
    ("prison complex", "industrial site"), ("prison", "industrial site"),
    ("gas company", "oil or gas field"), ("oil company", "oil or gas field"),
    ("gas plant", "oil or gas field"), ("power plant", "industrial site"),
    ("power station", "industrial site"), ("pumping station", "industrial site"),
    ("processing plant", "industrial site"), ("treatment plant", "industrial site"),
    ("station", "industrial site"), ("plant", "industrial site"), ("factory", "industrial site"),
    ("company", "industrial site"), ("complex", "industrial site"),
    ("area", "settlement"),
    ("refugee camp", "settlement"), ("idp camp", "settlement"), ("displacement camp", "settlement"),
    ("subdistrict", "settlement"), ("sub-district", "settlement"), ("ruins", "settlement"),
    ("island", "settlement"), ("plain", "settlement"), ("valley", "settlement"),
    ("housing project", "settlement"), ("housing", "settlement"),
    ("governorate", "region"), ("province", "region"), ("countryside", "region"),
    ("region", "region"), ("desert", "region"),
    ("lake", "water"), ("reservoir", "water"), ("river", "water"),
)

#: Kind hints of feature words that PRECEDE the core ("Jabal al-Tar").
PREFIX_FEATURES: tuple[tuple[str, str], ...] = (
    ("jabal", "hill"), ("jebel", "hill"), ("jibal", "hill"), ("jabel", "hill"),
    ("mount", "hill"), ("mt", "hill"),
    ("tal", "hill"), ("tall", "hill"), ("tel", "hill"), ("tell", "hill"),
    ("hayy", "settlement"), ("hay", "settlement"),
    ("brigade", "military base"), ("regiment", "military base"), ("division", "military base"),
    ("battalion", "military base"),
    ("lake", "water"), ("buhayrat", "water"), ("river", "water"), ("nahr", "water"),
)

#: "137th" / "1st" / "52nd": ordinal endings dropped from a number in a core.
_ORDINAL_RE = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b", re.IGNORECASE)

# (the look-behind starts a try only at the first character of a space/hyphen
# run: "a" + 5,000 spaces + "x hill" took 6 s, quadratic; now linear)
_SUFFIX_RE = re.compile(
    r"(?<![\s\-])(?:[\s\-]+)(" + "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w, _ in SUFFIX_FEATURES)
    + r")\s*$", re.IGNORECASE)
_SUFFIX_HINT = {re.sub(r"[\s\-]+", " ", w): k for w, k in SUFFIX_FEATURES}
_PREFIX_RE = re.compile(
    r"^\s*(" + "|".join(re.escape(w) for w, _ in PREFIX_FEATURES) + r")\.?[\s\-]+", re.IGNORECASE)
_PREFIX_HINT = dict(PREFIX_FEATURES)
_SUFFIX_LAST = frozenset(tokenize(w)[-1] for w, _ in SUFFIX_FEATURES)


@lru_cache(maxsize=100_000)
def strip_feature_words(name: str) -> tuple[str, Optional[str]]:
    """Split a name into (core, kind_hint); kind_hint None when none was found.

    Strips one trailing feature word ("Farms", "hilltop", "Airbase", "oil
    field", "District", ...) and/or one leading one ("Jabal", "Tal", "Mount").
    The core is returned as written (articles kept); it is never empty: a name
    that is only a feature word comes back unchanged.

    >>> strip_feature_words("al-Tar hilltop")
    ('al-Tar', 'hill')
    >>> strip_feature_words("Jabal Al-Tar")
    ('Al-Tar', 'hill')
    >>> strip_feature_words("Al Mahr oil/gas fields")
    ('Al Mahr', 'oil or gas field')
    >>> strip_feature_words("137th Mechanized Brigade"), strip_feature_words("Brigade 137")
    (('137', 'military base'), ('137', 'military base'))
    """
    core = name.strip()
    hint: Optional[str] = None
    toks = tokenize(fold_text(core))
    if not toks or (toks[-1] not in _SUFFIX_LAST and toks[0] not in _PREFIX_HINT):
        return core, None
    m = _SUFFIX_RE.search(core)
    if m and m.start() > 0:
        rest = core[:m.start()].rstrip(" -,")
        if name_key(rest):
            hint = _SUFFIX_HINT[re.sub(r"[\s\-]+", " ", m.group(1).lower())]
            core = rest
    m = _PREFIX_RE.match(core)
    if m:
        rest = core[m.end():]
        if name_key(rest) and len(name_key(rest)) >= 2:
            # (a case-blind match may differ in case folding only: "Khırbet")
            hint = hint or _PREFIX_HINT.get(m.group(1).lower()) or _PREFIX_HINT.get(fold_text(m.group(1)))
            core = rest.strip()
    if hint and core[:1].isdigit():
        core = _ORDINAL_RE.sub(r"\1", core)       # "52nd Armoured Brigade" ~ "Brigade 52"
    return core, hint


#: A word after the first glued to its article ("Eltineh", "Alkarama", "Elomr"):
#: al / el + at least three letters.
_GLUED_ARTICLE_RE = re.compile(r"(?<=[\s\-/])(?P<art>[AaEe]l)(?P<rest>[^\W\d_]{3,})\b")


@lru_cache(maxsize=100_000)
def glued_article_variants(name: str) -> tuple[str, ...]:
    """The name with a glued article split off a word after the first ("Ein
    Eltineh" -> "Ein El tineh", "Tall Alkarama" -> "Tall Al karama"): how reports
    write an Arabic article without its hyphen. A query-side reading tried only
    when no name matches as written ("Aleppo" keeps its "Al"; the first word is
    never split). () when there is nothing to split.

    >>> glued_article_variants("Ein Eltineh town"), glued_article_variants("Aleppo")
    (('Ein El tineh town',), ())
    """
    if not _GLUED_ARTICLE_RE.search(name):
        return ()
    v = _GLUED_ARTICLE_RE.sub(lambda m: f"{m.group('art')} {m.group('rest')}", name)
    return (v,) if v != name else ()


@lru_cache(maxsize=100_000)
def leading_hint(name: str) -> Optional[str]:
    """The kind hint of a feature word that LEADS the name ("Tall", "Jabal"), after
    any trailing one is dropped; None when the name is not led by one.

    >>> leading_hint("Tall Bajir village"), leading_hint("Tel-Bajer"), leading_hint("Bajir hill")
    ('hill', 'hill', None)
    """
    head = strip_suffix_word(name)
    core, hint = strip_feature_words(head)
    return hint if hint and not head.strip().startswith(core) else None


@lru_cache(maxsize=100_000)
def strip_suffix_word(name: str) -> str:
    """The name without a trailing feature word only ("Tall Wasat village" ->
    "Tall Wasat"; a leading "Tall"/"Jabal" is kept); the name when it has none.

    >>> strip_suffix_word("Tall Wasat village"), strip_suffix_word("Palmyra")
    ('Tall Wasat', 'Palmyra')
    """
    core = name.strip()
    toks = tokenize(fold_text(core))
    if not toks or toks[-1] not in _SUFFIX_LAST:
        return core
    m = _SUFFIX_RE.search(core)
    if m and m.start() > 0:
        rest = core[:m.start()].rstrip(" -,")
        if name_key(rest):
            return rest
    return core


#: Which gazetteer kinds agree with a kind hint.
KIND_COMPATIBLE: dict[str, frozenset[str]] = {
    "hill": frozenset({"hill"}),
    "airbase": frozenset({"airbase", "heliport"}),
    "military base": frozenset({"military base", "airbase", "heliport", "naval base"}),
    "naval base": frozenset({"naval base", "military base"}),
    "oil or gas field": frozenset({"oil or gas field", "industrial site"}),
    "settlement": frozenset({"settlement", "city", "village", "district"}),
    "crossroads": frozenset({"crossroads", "military base"}),
    "dam": frozenset({"dam"}),
    "border crossing": frozenset({"border crossing", "military base", "crossroads"}),
    "region": frozenset({"region", "country", "settlement"}),
    "water": frozenset({"water", "dam"}),
}

#: Kind hints of another CLASS than a settlement: a place of a kind outside
#: KIND_COMPATIBLE[hint] is not what the text names ("Lake X" is not the town X).
KIND_CLASS_BLOCKS: frozenset[str] = frozenset({"water"})

#: Military unit types: identity, not hints ("Regiment 121" is not "Brigade 121").
_UNIT_WORDS: dict[str, str] = {"brigade": "brigade", "brigades": "brigade", "regiment": "regiment",
                               "regiments": "regiment", "battalion": "battalion",
                               "battalions": "battalion", "division": "division",
                               "divisions": "division"}


def unit_types(name: str) -> frozenset[str]:
    """The military unit types a name carries ("137th Mechanized Brigade" -> {"brigade"}).

    >>> sorted(unit_types("Air Defense Base (Regiment 131)"))
    ['regiment']
    """
    return frozenset(_UNIT_WORDS[t] for t in tokenize(fold_text(name)) if t in _UNIT_WORDS)


def units_conflict(query: str, name: str) -> bool:
    """True when both names carry a unit type and they share none
    ("Regiment 121" / "Brigade 121"); False otherwise.

    >>> units_conflict("Regiment 121", "Brigade 121"), units_conflict("Brigade 137", "137th Brigade")
    (True, False)
    """
    q = unit_types(query)
    if not q:
        return False
    n = unit_types(name)
    return bool(n) and not (q & n)


def kind_agrees(hint: Optional[str], kind: str) -> Optional[bool]:
    """True/False when ``hint`` agrees/disagrees with a place ``kind``; None if no hint."""
    if not hint:
        return None
    return kind == hint or kind in KIND_COMPATIBLE.get(hint, frozenset())
