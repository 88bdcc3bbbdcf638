"""Hostile input files (issue 11): nothing read outside the input, nothing
silently lost, one clear message per problem (file, line, what to do).
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from mapper.errors import InputError
from mapper.model import Article
from mapper.read.readers import ReadFailure, date_problem, read_inputs

GOOD = "Syrian troops captured Palmyra on Monday, the army said.\n"


def _split(items):
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, ReadFailure)]
    return arts, fails


def _warnings(art: Article) -> list[str]:
    return [v for k, v in art.meta if k in ("warning", "date_warning")]


# --------------------------------------------------------------------------- reads outside the input

@pytest.fixture()
def escaping_manifest(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("SECRET outside the input folder\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "articles.csv").write_text(
        "file,outlet,published\n"
        "a.txt,Good,2016-05-03\n"
        "../secret.txt,Evil,2016-05-03\n"
        f"{tmp_path / 'secret.txt'},Evil,2016-05-03\n"
        "sub/../../secret.txt,Evil,2016-05-03\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("given", ["manifest", "folder"])
def test_manifest_rows_outside_the_folder_are_refused(escaping_manifest, given):
    src = escaping_manifest / "articles.csv" if given == "manifest" else escaping_manifest
    arts, fails = _split(list(read_inputs([src])))
    assert [a.outlet for a in arts] == ["Good"]
    assert not any("SECRET" in a.text for a in arts)
    msgs = sorted(str(f) for f in fails)
    assert len(msgs) == 3, msgs
    for line in (3, 4, 5):
        assert any(f"articles.csv:{line}:" in m for m in msgs), msgs
    assert all("manifest's own folder" in m for m in msgs)


def test_manifest_given_directly_reports_missing_files_with_line(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    m = tmp_path / "articles.csv"
    m.write_text("file,outlet,published\na.txt,X,2016-05-03\ngone.txt,X,2016-05-03\n", encoding="utf-8")
    arts, fails = _split(list(read_inputs([m])))
    assert len(arts) == 1
    assert [str(f) for f in fails] == [f"{m}:3: manifest lists 'gone.txt' but there is no such file in "
                                       f"{str(tmp_path)!r}; fix the row or add the file"]


# --------------------------------------------------------------------------- silent or total loss

def test_one_nul_byte_loses_only_its_row(tmp_path):
    rows = [f'{i},"Rebels captured Homs, report {i}."' for i in range(1, 6)]
    rows[2] = rows[2].replace("Homs", "Ho\x00ms")
    p = tmp_path / "corpus.csv"
    p.write_bytes(("id,text\n" + "\n".join(rows) + "\n").encode("utf-8"))
    arts, fails = _split(list(read_inputs([p])))
    assert [a.id for a in arts] == ["1", "2", "4", "5"]
    assert len(fails) == 1 and str(fails[0]).startswith(f"{p}:4: NUL byte in the row")


def test_one_nul_byte_loses_only_its_jsonl_line(tmp_path):
    p = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": i, "text": f"Rebels captured Homs, report {i}."}) for i in range(1, 4)]
    p.write_bytes(("\n".join(lines[:1] + [lines[1][:-2] + "\x00\"}"] + lines[2:]) + "\n").encode())
    arts, fails = _split(list(read_inputs([p])))
    assert [a.id for a in arts] == ["1", "3"]
    assert len(fails) == 1 and f"{p}:2: NUL byte" in str(fails[0])


def test_duplicate_manifest_rows_and_ids_get_warnings_and_unique_ids(tmp_path):
    for n in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / n).write_text(GOOD, encoding="utf-8")
    (tmp_path / "articles.csv").write_text(
        "file,outlet,published,id\n"
        "a.txt,First,2016-05-03,x\n"
        "b.txt,Other,2016-05-04,x\n"
        "a.txt,Second,2016-05-05,y\n"
        "c.txt,Third,2016-05-06,\n", encoding="utf-8")
    arts, fails = _split(list(read_inputs([tmp_path])))
    assert not fails
    ids = [a.id for a in arts]
    assert len(ids) == len(set(ids)) == 3
    a = next(x for x in arts if x.path.endswith("a.txt"))
    assert a.outlet == "First"                       # the first row wins ...
    assert any("listed again (first at line 2)" in w for w in _warnings(a))   # ... and says so
    b = next(x for x in arts if x.path.endswith("b.txt"))
    assert b.id == "x#2" and any("duplicate id 'x'" in w for w in _warnings(b))


def test_duplicate_ids_across_two_corpora_are_kept_apart(tmp_path):
    for n in ("one.csv", "two.csv"):
        (tmp_path / n).write_text('id,text\n7,"Rebels captured Homs."\n', encoding="utf-8")
    arts, _ = _split(list(read_inputs([tmp_path / "one.csv", tmp_path / "two.csv"])))
    assert [a.id for a in arts] == ["7", "7#2"]
    assert any("first in" in w and "one.csv" in w for w in _warnings(arts[1]))


@pytest.mark.parametrize("enc", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("suffix", [".txt", ".csv", ".jsonl"])
def test_utf16_without_bom_is_detected(tmp_path, enc, suffix):
    body = {".txt": GOOD, ".csv": f'id,text\n1,"{GOOD.strip()}"\n',
            ".jsonl": json.dumps({"id": 1, "text": GOOD}) + "\n"}[suffix]
    p = tmp_path / f"u16{suffix}"
    p.write_bytes(body.encode(enc))
    arts, fails = _split(list(read_inputs([p])))
    assert not fails, [str(f) for f in fails]
    assert "captured Palmyra" in arts[0].text and "\x00" not in arts[0].text
    assert any("UTF-16 without a byte-order mark" in w and "--encoding" in w for w in _warnings(arts[0]))


def test_binary_file_hints_at_encoding(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (fail,) = read_inputs([p])
    assert isinstance(fail, ReadFailure) and "looks binary" in str(fail) and "--encoding" in str(fail)


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_explicit_encoding_never_silently_garbles_utf8(tmp_path, suffix):
    text = "Forces captured Deir ez-Zōr and Ḥamā, said the café owner."
    p = tmp_path / f"utf8{suffix}"
    p.write_text(text if suffix == ".txt" else f'id,text\n1,"{text}"\n', encoding="utf-8")
    (art,) = read_inputs([p], encoding="latin-1")
    assert isinstance(art, Article) and "Ḥamā" in art.text          # not 'á¸¤amÄ\x81'
    assert any("valid UTF-8" in w and "--encoding latin-1" in w for w in _warnings(art))


def test_explicit_encoding_still_applies_where_needed(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes(("Caf\xe9 owners said " + GOOD).encode("latin-1"))
    (art,) = read_inputs([p], encoding="latin-1")
    assert art.text.startswith("Café") and not _warnings(art)


def test_explicit_encoding_that_gives_garbage_is_refused(tmp_path):
    p = tmp_path / "wide.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    (fail,) = read_inputs([p], encoding="latin-1")
    assert isinstance(fail, ReadFailure) and "another encoding" in str(fail)


def test_unknown_encoding_is_misuse():
    with pytest.raises(InputError, match="unknown --encoding 'klingon'"):
        list(read_inputs(["seeds"], encoding="klingon"))


@pytest.mark.parametrize("raw,expected", [
    ("0001-01-01", "outside the publication years"),
    ("9999-12-31", "outside the publication years"),
    ("2016-02-30", "not a calendar date (2016-02 has no day 30)"),
    ("2016-13-01", "no month 13"),
    ("31/31/31", "neither month/day/year nor day/month/year"),
    ("yesterday-ish", "unparseable date 'yesterday-ish'"),
])
def test_manifest_dates_get_correct_messages(tmp_path, raw, expected):
    (tmp_path / "a.txt").write_text("Rebels captured Homs, activists said.\n", encoding="utf-8")
    (tmp_path / "articles.csv").write_text(f"file,outlet,published\na.txt,X,{raw}\n", encoding="utf-8")
    (art,) = read_inputs([tmp_path])
    assert art.published is None
    msgs = _warnings(art)
    assert any("articles.csv:2: " in m and expected in m for m in msgs), msgs
    assert date_problem(raw).find(expected) >= 0


def test_csv_dates_get_correct_messages(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('id,date,text\n1,0001-01-01,"Rebels captured Homs."\n2,31/31/31,"Rebels captured Homs."\n',
                 encoding="utf-8")
    a, b = read_inputs([p])
    assert any("outside the publication years" in w for w in _warnings(a))
    assert any("neither month/day/year" in w for w in _warnings(b))


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "/abs/path", "a\\..\\b", "x\x00y", "<script>"])
def test_ids_that_traverse_paths_are_sanitised(tmp_path, bad_id):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": bad_id, "text": "Rebels captured Homs."}) + "\n", encoding="utf-8")
    (art,) = read_inputs([p])
    assert isinstance(art, Article)
    assert "/" not in art.id and "\\" not in art.id and ".." not in art.id and "<" not in art.id
    assert "\x00" not in art.id and art.id
    assert any("not safe in file names" in w for w in _warnings(art))


def test_hostile_ids_and_dates_write_nothing_outside_out(tmp_path):
    from mapper.pipeline import build

    src = tmp_path / "in"
    src.mkdir()
    rows = [{"id": "../../escape", "date": "../../../x", "text": "Rebels captured Homs on 3 May 2016."},
            {"id": "/etc/evil", "date": "2016-05-03/../../y", "text": "The army captured Palmyra."}]
    (src / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "deep" / "out"
    build([src], out, write_gpkg=False, progress=False)
    outside = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")
                     if not str(p).startswith(str(out)) and not str(p).startswith(str(src)))
    assert outside == ["deep"]
    for page in (out / "maps").glob("*.html"):
        assert page.parent == out / "maps"


# --------------------------------------------------------------------------- size

def test_fifty_megabyte_article_reads(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(GOOD.encode() + b"x " * (25 * 1024 * 1024))
    (art,) = read_inputs([p])
    assert isinstance(art, Article) and len(art.text) > 50_000_000


def test_ten_thousand_tiny_articles(tmp_path):
    p = tmp_path / "many.csv"
    p.write_text("id,text\n" + "".join(f'{i},"Rebels captured Homs {i}."\n' for i in range(10_000)),
                 encoding="utf-8")
    arts, fails = _split(list(read_inputs([p])))
    assert len(arts) == 10_000 and not fails and len({a.id for a in arts}) == 10_000


def test_html_scripts_styles_and_event_attributes_are_not_text(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
                 "<p onclick=\"alert('click')\">Rebels captured <b onmouseover='steal()'>Homs</b>.</p>"
                 "<img src=x onerror=\"fetch('//evil')\"><noscript>enable js</noscript>"
                 "<p>The army said.</p><script>document.write('injected')</script></body></html>",
                 encoding="utf-8")
    (art,) = read_inputs([p])
    assert art.text == "Rebels captured Homs .\n\nThe army said." or art.text.startswith("Rebels captured Homs")
    for bad in ("alert", "steal", "fetch", "color:red", "injected", "enable js", "onclick"):
        assert bad not in art.text
