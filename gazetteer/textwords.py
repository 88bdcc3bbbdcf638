"""The words and patterns of the text matcher (gazetteer.matcher): feature
words beside a name, locative words, article forms, alternative-spelling
separators, thresholds of look-alike hits. One place for the tables the
matcher's parts share.

>>> bool(_SUFFIX_RE.match(" oil field", 0)), _SUFFIX_HINT["oilfield"]
(True, 'oil or gas field')
"""
from __future__ import annotations

import re

from gazetteer.normalize import PREFIX_FEATURES, SUFFIX_FEATURES
from gazetteer.qualifiers import ENGLISH_QUALIFIERS

#: Longest name, in tokens, the walk will try.
MAX_TOKENS = 10
#: Skeletons shorter than this never make a look-alike hit in text.
SKELETON_TEXT_MIN_LEN = 2
#: ... and shorter than this only when the word is long (>= SHORT_SKELETON_KEY_LEN
#: letters: "Ziadiyah", skeleton "zd") or glued to an Arabic article ("Al-Buwyr").
SKELETON_TEXT_SHORT = 3
SHORT_SKELETON_KEY_LEN = 6
#: Skeletons of at least this many consonants are strong evidence: a look-alike
#: with the SAME skeleton needs only FUZZY_TEXT_MIN ("Kuljabreen" / "Kaljibrin").
SKELETON_TEXT_LONG = 5
#: Keys of at most this many letters ("Midan", "Rahal") are look-alikes of another
#: name only at closeness >= FUZZY_TEXT_SHORT unless a feature word stands beside them.
SHORT_FUZZY_KEY_LEN = 5
FUZZY_TEXT_SHORT = 0.95
#: Countries whose places may be look-alike (fuzzy) candidates of a text hit.
FUZZY_TEXT_COUNTRIES = frozenset({"SY"})
#: Closeness (0..1, gazetteer.store.Gazetteer.similar_keys) a look-alike needs to be a candidate of a text hit.
FUZZY_TEXT_MIN = 0.8
#: ... and a look-alike span with no feature word beside it ("Andrew" is not 'Ayn Dara).
FUZZY_TEXT_STRONG = 0.9

#: Assimilated article forms that are also English words, read as an article
#: between two capitalised words of a look-alike ("Khan as Subul"; never "in", "at").
_SUN_ARTICLES = frozenset({"as", "ad", "ar"})
#: Words right before a one-word look-alike that make it a place ("in Saraqeb").
_LOCATIVE_RE = re.compile(r"\b(?:in|near|of|from|at|outside|around|towards?|into|across|"
                          r"through|between|village|town|city)[ \t]+(?:(?:al|el|ad|as|ash|ar|at|az|an)[ \-])?\Z",
                          re.IGNORECASE)
#: Words right before a short name (< 4 letters) that make it a place: "the town of Bab".
_SHORT_FEATURE_RE = re.compile(r"\b(?:town|village|city|area|district|suburb|neighbou?rhood|hamlet|outskirts|"
                               r"countryside)[ \t]+of[ \t]+\Z", re.IGNORECASE)
#: Shortest key (letters) a name may have to match alone without support.
SHORT_KEY_LEN = 4
#: Capitalised words that may follow a place name without making a longer name.
_NOT_NAME_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday governorate province countryside "
    "city town village district region area airport airbase base road highway street square "
    "front frontline i".split())
_ALT_SEP_RE = re.compile(r"\s{0,2}(?:/|\()\s{0,2}")
_ALT_CLOSE_RE = re.compile(r"\s{0,2}\)")
#: A run of 1-4 capitalised words (Arabic articles allowed inside): the other
#: spelling of "A / B village", "English name (Arabic name)".
_CAP_RUN = (r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?(?:[ \-](?:(?:al|el|as|ash|ad|ar|at|az|an)[ \-])?"
            r"[A-Z][^\W\d_]*(?:['’][^\W\d_]+)?){0,3}")
#: ... before a hit: "Tall Cerce/" or "Red Hills (" right before it.
_ALT_BEFORE_RE = re.compile(r"(?<![^\W_])(?<![A-Z][a-z] )(" + _CAP_RUN + r")\s{0,2}(/|\()\s{0,2}\Z")
#: A capitalised English qualifier right before a hit ("Eastern Ghariyah").
_QUALIFIER_BEFORE_RE = re.compile(r"(?<![^\W_])(" + "|".join(w.capitalize() for w in sorted(ENGLISH_QUALIFIERS))
                                  + r") \Z")
#: ... after a hit: "/Jerji" or " (Kasr Ada)".
_ALT_AFTER_RE = re.compile(r"\s{0,2}(?:/\s{0,2}(" + _CAP_RUN + r")(?![^\W_])|\(\s{0,2}(" + _CAP_RUN
                           + r")\s{0,2}\))")
_JOIN_RE = re.compile(r"[ \t\u00a0\-\u2010\u2011]{1,3}\Z")
_SUFFIX_WORDS = sorted((w for w, _ in SUFFIX_FEATURES), key=len, reverse=True)
_SUFFIX_RE = re.compile(
    r"[ \u00a0\-\u2010\u2011]{1,2}(" + "|".join(re.escape(w).replace(r"\ ", r"[ \-]?") for w in _SUFFIX_WORDS)
    + r")(?![^\W_])", re.IGNORECASE)
_SUFFIX_HINT = {re.sub(r"[ \-]", "", w): k for w, k in SUFFIX_FEATURES}
_PREFIX_HINT = dict(PREFIX_FEATURES)
# feature words that are too generic to act alone after an arbitrary name
_WEAK_SUFFIX = {"city", "town", "village", "base", "camp", "region", "desert", "countryside",
                "crossing", "quarter", "peak", "ridge", "mount", "area", "station", "plant",
                "company", "complex", "academy", "factory", "prison", "division", "regiment",
                "battalion", "brigade", "field", "fields", "ruins", "island", "plain", "valley",
                "housing", "subdistrict"}
#: The words between a name and the governorate phrase it is attached to:
#: "X in Daraa province", "X, Idlib province", "X in the Homs countryside",
#: "X in eastern Aleppo", "X of rural Hama".
_ATTACHED_RE = re.compile(r"(?:\s*,\s*|\s+(?:in|of)\s+)(?:the\s+)?"
                          r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)?\s+|rural\s+)?",
                          re.IGNORECASE)

# --- person or place: the context of a one-word name (gazetteer.matcher_guards) ---
#: Words right before a name that say place: a locative preposition or "the town of".
_PLACE_BEFORE_RE = re.compile(
    r"(?<![^\W_])(?:in|at|from|near|towards?|outside|around|into|(?:town|village|city|hamlet|district|suburb|"
    r"area|outskirts|neighbou?rhood|countryside)[ \t]+of)[ \t]+(?:the[ \t]+)?"
    r"(?:(?:al|el|ad|as|ash|ar|at|az|an)[ \-])?\Z", re.IGNORECASE)
#: A territorial verb right before a name: the name is the verb's object ("captured Salma",
#: "withdrew from Hass", "advanced on X").
_TERRITORIAL_BEFORE_RE = re.compile(
    r"(?<![^\W_])(?:(?:re)?captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|(?:re)?took|(?:re)?tak(?:e|es|en|ing)|"
    r"enter(?:s|ed|ing)?|storm(?:s|ed|ing)?|overr(?:an|un|uns|unning)|liberat(?:e|es|ed|ing)|"
    r"besieg(?:e|es|ed|ing)|encircl(?:e|es|ed|ing)|surround(?:s|ed|ing)?|shell(?:s|ed|ing)|"
    r"(?:re)?gain(?:s|ed|ing)?[ \t]+control[ \t]+of|control(?:s|led|ling)?|los(?:e|es|t|ing)|abandon(?:s|ed|ing)?|"
    r"advanc(?:e|es|ed|ing)[ \t]+(?:on|into|to|towards?)|"
    r"(?:withdr(?:ew|aw|awn|awing|aws)|retreat(?:s|ed|ing)?|pull(?:s|ed|ing)?[ \t]+out|expell?(?:s|ed|ing)?[ \t]+\w+)"
    r"[ \t]+(?:from|of))[ \t]+(?:the[ \t]+)?(?:(?:al|el|ad|as|ash|ar|at|az|an)[ \-])?\Z", re.IGNORECASE)
#: A title or role right before a name (and maybe a first name): a person ("Mr Hadi",
#: "spokesman Tom Perry", "activist Salma").
_TITLE_BEFORE_RE = re.compile(
    r"(?<![^\W_])(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Brig|Lt|Capt|Maj|Sgt)\.?|President|Colonel|Captain|Major|"
    r"(?i:activist|spokes(?:man|woman|person)|commander|correspondent|journalist|reporter|resident|"
    r"minister|envoy|photographer|analyst|researcher|doctor|official|lawyer|editor|writer))[ \t]+"
    r"(?:[A-Z][^\W\d_]+[ \t]+)?\Z")
#: "by" right before a name, or before a first name and the name: a byline ("by Tom Perry").
_BYLINE_BEFORE_RE = re.compile(r"(?<![^\W_])[Bb]y[ \t]+(?:[A-Z][^\W\d_]+[ \t]+)?\Z")
#: What may follow a person's name: punctuation of an apposition or a verb of saying.
_PERSON_AFTER_RE = re.compile(r"[ \t]*(?:[,;(]|\Z|\n|[ \t](?:said|says|told|tells|added|adds|wrote|writes|"
                              r"explained|stated|noted|warned|claimed)\b)")
#: A verb of saying right after a name ("Hadi said"): a person, unless the name is a big place.
_SAID_AFTER_RE = re.compile(r"[ \t]+(?:said|says|told|tells)\b")
#: Where a sentence starts: the text start or end punctuation, a quote or a line break before.
_SENTENCE_START_RE = re.compile(r"(?:\A|[.!?:;\n\"“”]\s*|\n)\s*\Z")
