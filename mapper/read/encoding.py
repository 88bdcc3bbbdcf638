"""Text encodings of input files: detect, decode, open (the policy of every reader).

Policy (``encoding=None``): UTF-8 (a BOM is dropped), else the
charset-normalizer guess on the lines that carry non-ASCII bytes (cp1252 /
latin-1 preferred among equally good guesses; a guess without a recognised
non-English language - coherence < 0.1 or English read off the ASCII part - is
ignored; verified on the whole file), else latin-1 (the FA-KES case). Latin-1
decodes any byte, so a file is refused only when it looks binary (NUL bytes or
more than 5 % control characters in the first 64 KiB). A non-UTF-8 decode is
recorded as the meta note ``("encoding", name)``; the latin-1 last resort adds
``("warning", ...)``. An explicit ``encoding`` is used strictly (undecodable
bytes: InputError), never to garble a valid UTF-8 file (read as UTF-8 with a
warning) nor when its output is full of NUL / control characters. UTF-16
without a byte-order mark is recognised and read with a warning.

* :func:`decode_bytes` - bytes of one document -> (text, meta notes);
* :func:`open_text` - the one opener of the corpus readers (CSV, JSONL): a text
  stream by the same policy, read lazily;
* :func:`detect_file_encoding`, :func:`check_encoding`.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', [])
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from mapper.errors import InputError

__all__ = ["decode_bytes", "open_text", "detect_file_encoding", "check_encoding", "SNIFF_BYTES"]

Notes = list[tuple[str, str]]

SNIFF_BYTES = 64 * 1024
_SNIFF_BYTES = SNIFF_BYTES
_CHUNK = 1 << 20


# byte-order marks of the wide Unicode encodings (UTF-32 first: its LE mark starts
# with UTF-16's); such text is full of NUL bytes and must not be called binary
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _wide_bom(sample: bytes) -> Optional[str]:
    """"utf-16" / "utf-32" when ``sample`` starts with that byte-order mark, else None."""
    return next((enc for bom, enc in _WIDE_BOMS if sample.startswith(bom)), None)


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > 0.05 * len(sample)


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """"utf-16-le" / "utf-16-be" when ``sample`` reads as UTF-16 text without a
    byte-order mark (mostly-Latin text: one byte of every pair is NUL), else None.

    >>> _utf16_without_bom("Palmyra was captured".encode("utf-16-le"))
    'utf-16-le'
    """
    n = len(sample) - len(sample) % 2
    if n < 8:
        return None
    even, odd = sample[0:n:2], sample[1:n:2]
    half = n // 2
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros.count(0) >= 0.6 * half and other.count(0) <= 0.02 * half:
            try:
                text = sample[:n].decode(enc)
            except UnicodeDecodeError:
                continue
            printable = sum(1 for c in text if c.isprintable() or c in "\t\r\n")
            if printable >= 0.95 * len(text):
                return enc
    return None


_UTF16_NOTE = ("text is UTF-16 without a byte-order mark ({enc}, detected); "
               "re-save it as UTF-8 or pass --encoding {enc} to be explicit")
_BINARY_HINT = ("; if it is text in another encoding (UTF-16/UTF-32 without a byte-order mark, ...) "
                "pass --encoding")


def _stray_nuls(sample: bytes) -> bool:
    """A text file with a few stray NUL bytes (a corrupt row), not a binary file:
    at most 1 NUL per 1000 bytes (at least 8 allowed) and few other control bytes."""
    nul = sample.count(0)
    if nul == 0 or nul > max(8, len(sample) // 1000):
        return False
    ctrl = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 12, 13, 27))
    return ctrl <= 0.01 * len(sample)


def _decodes_fully(chunks: Iterable[bytes], encoding: str) -> bool:
    dec = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        for c in chunks:
            dec.decode(c)
        dec.decode(b"", final=True)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while True:
            c = fh.read(_CHUNK)
            if not c:
                return
            yield c


_MIN_COHERENCE = 0.1
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")  # Western news: preferred among equally good guesses


def _guess(sample: bytes) -> Optional[str]:
    """charset-normalizer's guess; among ties (same chaos and coherence) cp1252/latin-1 win."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(sample))
    if not results:
        return None
    best = results[0]
    ties = {m.encoding for m in results
            if m.chaos <= best.chaos + 1e-9 and m.coherence >= best.coherence - 1e-9}
    for pref in _PREFERRED:
        if pref in ties:
            return pref
    # without a recognised language the guess is noise (English text with a few
    # stray bytes comes out as a Baltic code page): leave it to latin-1
    # (and a language read off ASCII English says nothing about the stray bytes)
    if best.coherence < _MIN_COHERENCE or best.language in ("English", "Unknown", ""):
        return None
    return best.encoding


def _non_ascii_sample(path: Path, limit: int = _SNIFF_BYTES) -> bytes:
    """Up to ``limit`` bytes of the lines that carry non-ASCII bytes (what the guess needs)."""
    out: list[bytes] = []
    size = 0
    with open(path, "rb") as fh:
        for line in fh:
            if not line.isascii():
                out.append(line)
                size += len(line)
                if size >= limit:
                    break
    return b"".join(out)


def detect_file_encoding(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """Encoding of a file by the module policy; (codec name, meta notes).

    Raises InputError when the file looks binary.
    """
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
    wide = _wide_bom(sample)
    if wide is not None:
        if not _decodes_fully(_file_chunks(path), wide):
            raise InputError(f"{path}: starts with a {wide} byte-order mark but is not valid {wide}; "
                             "re-save it as UTF-8 or pass --encoding")
        return wide, [("encoding", wide)]
    if _looks_binary(sample) and not _stray_nuls(sample):
        u16 = _utf16_without_bom(sample)
        if u16 is not None and _decodes_fully(_file_chunks(path), u16):
            return u16, [("encoding", u16), ("warning", _UTF16_NOTE.format(enc=u16))]
        raise InputError(f"{path}: looks binary (NUL or control bytes), not a text article; "
                         "pass a text/CSV/JSONL/HTML file" + _BINARY_HINT)
    if _decodes_fully(_file_chunks(path), "utf-8"):
        return ("utf-8-sig" if sample.startswith(codecs.BOM_UTF8) else "utf-8"), []
    guess = _guess(_non_ascii_sample(path))
    if guess and guess.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "ascii") \
            and _decodes_fully(_file_chunks(path), guess):
        return guess, [("encoding", guess)]
    return "latin-1", [("encoding", "latin-1"),
                       ("warning", "not UTF-8 and no confident guess; decoded as latin-1")]


#: a valid multi-byte UTF-8 sequence
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> Optional[tuple[str, list[tuple[str, str]]]]:
    """UTF-8 text with a few broken bytes (a truncated download, a bad paste):
    decoded with U+FFFD for the broken bytes and a warning, when valid
    multi-byte sequences outnumber the broken ones at least 3 to 1 (latin-1
    or cp1252 text has almost no valid UTF-8 sequences, so it is not taken)."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good = len(_UTF8_MULTIBYTE.findall(data))
    if bad <= 0 or good < 3 * bad:
        return None
    return text, [("encoding", "utf-8"),
                  ("warning", f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD")]


def check_encoding(encoding: Optional[str]) -> Optional[str]:
    """The codec name of ``--encoding`` (None passes); InputError for an unknown one.

    >>> check_encoding("Latin-1")
    'iso8859-1'
    """
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(f"unknown --encoding {encoding!r}: use a Python codec name such as utf-8, "
                         "latin-1, cp1252, utf-16, or omit it to auto-detect") from None


def _is_utf8_family(encoding: str) -> bool:
    try:
        return codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    except LookupError:
        return False


def _utf8_beats(sample: bytes, encoding: str, data: Optional[bytes], path: Optional[Path] = None
                ) -> Optional[str]:
    """A warning when the explicit ``encoding`` would garble a valid UTF-8 input
    (its non-ASCII bytes are UTF-8 sequences): UTF-8 is used instead. None when
    the explicit encoding is harmless or the input is not UTF-8."""
    if _is_utf8_family(encoding) or sample.isascii() or not _UTF8_MULTIBYTE.search(sample):
        return None
    whole_ok = (_decodes_fully([data], "utf-8") if data is not None
                else _decodes_fully(_file_chunks(path), "utf-8") if path is not None else False)
    if not whole_ok:
        return None
    try:
        garbled = sample.decode(encoding, errors="replace")
    except LookupError:
        return None
    good = sample.decode("utf-8", errors="replace")
    if garbled == good:
        return None
    m = re.search(r"\S*[^\x00-\x7f]\S*", good)
    word = m.group(0)[:30] if m else ""
    bad = word.encode("utf-8").decode(encoding, errors="replace") if word else ""
    return (f"the file is valid UTF-8; --encoding {encoding} would garble it ({word!r} -> {bad!r}), "
            "so it was read as UTF-8: pass --encoding only for the files that need it")


def _check_not_garbage(text: str, encoding: str) -> None:
    """InputError when text decoded with an explicit ``encoding`` is full of NUL /
    control characters (the wrong codec: UTF-16 read as latin-1, ...)."""
    if not text:
        return
    ctrl = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\x1b") or 0x7f <= ord(c) < 0xa0)
    if "\x00" in text or ctrl > 0.05 * len(text):
        raise InputError(f"decoding as {encoding!r} gives control characters (NUL or C0/C1 codes): "
                         "the file is in another encoding; omit --encoding to auto-detect or pass the right one")


def decode_bytes(data: bytes, encoding: Optional[str] = None) -> tuple[str, list[tuple[str, str]]]:
    """Decode article bytes by the module policy; returns (text, meta notes).

    Raises InputError for binary-looking data or (with an explicit encoding)
    undecodable bytes.

    >>> decode_bytes("café".encode("utf-8"))
    ('café', [])
    """
    if encoding:
        note = _utf8_beats(data[: 4 * _SNIFF_BYTES], encoding, data)
        if note is not None:
            return data.decode("utf-8-sig"), [("encoding", "utf-8"), ("warning", note)]
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"cannot decode as {encoding!r}: {exc}; try another --encoding "
                             "or omit it to auto-detect") from exc
        _check_not_garbage(text[: 4 * _SNIFF_BYTES], encoding)
        return text, [("encoding", encoding)]
    wide = _wide_bom(data)
    if wide is not None:
        try:
            return data.decode(wide), [("encoding", wide)]
        except UnicodeDecodeError as exc:
            raise InputError(f"starts with a {wide} byte-order mark but is not valid {wide} ({exc.reason} "
                             f"at byte {exc.start}); re-save it as UTF-8 or pass --encoding") from exc
    if _looks_binary(data[:_SNIFF_BYTES]):
        u16 = _utf16_without_bom(data[:_SNIFF_BYTES])
        if u16 is not None:
            try:
                return data.decode(u16), [("encoding", u16), ("warning", _UTF16_NOTE.format(enc=u16))]
            except UnicodeDecodeError:
                pass
        raise InputError("looks binary (NUL or control bytes), not a text article" + _BINARY_HINT)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    guess = _guess(data[: 4 * _SNIFF_BYTES])
    if guess and guess.replace("_", "-").lower() not in ("utf-8", "utf-8-sig", "ascii"):
        try:
            return data.decode(guess), [("encoding", guess)]
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1"), [("encoding", "latin-1"),
                                    ("warning", "not UTF-8 and no confident guess; decoded as latin-1")]


def open_text(path: Path, encoding: Optional[str]) -> tuple[IO[str], Notes]:
    """The text stream of a corpus file by the module policy, and its meta notes.

    ``encoding`` None: detected (:func:`detect_file_encoding`); else strict, or
    UTF-8 when the file is valid UTF-8 that the codec would garble. Raises
    InputError (a binary-looking file, a codec that gives control characters);
    a bad byte later in the file raises UnicodeDecodeError while reading.
    """
    if encoding:
        with open(path, "rb") as fh:
            sample = fh.read(4 * _SNIFF_BYTES)
        note = _utf8_beats(sample, encoding, None, path)
        if note is not None:
            return open(path, encoding="utf-8-sig", newline=""), [("encoding", "utf-8"), ("warning", note)]
        try:
            _check_not_garbage(sample.decode(encoding, errors="ignore"), encoding)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from None
        return open(path, encoding=encoding, errors="strict", newline=""), [("encoding", encoding)]
    enc, notes = detect_file_encoding(path)
    return open(path, encoding=enc, newline=""), notes
