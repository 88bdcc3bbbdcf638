"""Readers: seeds folder + manifest, FA-KES corpus, Markdown, HTML, JSONL, CSV overrides, bad inputs."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mapper.model import Article
from mapper.read.readers import ReadFailure, read_inputs, read_single

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
from tests.shared_paths import FAKES


def split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadFailure)])


SEED_META = [
    ("000_fdeebda4cc27a467", "Syria Direct", date(2015, 11, 24), "manifest"),
    ("001_3e5b1aeaa37e44e8", "ARA News", date(2016, 12, 11), "manifest"),
    ("002_8e5a7ba1f0076063", "Middle East Eye", date(2016, 3, 24), "manifest"),
    ("003_315d99a4eed36555", "ARA News", None, None),
    ("004_9dcdbf974426786a", "Reuters", date(2017, 3, 1), "manifest"),
]


def test_seeds_folder() -> None:
    arts, fails = split(read_inputs([SEEDS]))
    assert fails == []
    got = [(a.id, a.outlet, a.published, a.published_source) for a in arts]
    assert got == SEED_META
    for a in arts:
        assert a.path and Path(a.path).name.startswith(a.id)
        assert a.body_end is not None and "Share this article" not in a.body and "Leave a Reply" not in a.body
        assert a.text == Path(a.path).read_text(encoding="utf-8")  # offsets index the file text
    assert arts[0].title == "With Russian air support, regime closes in on Islamic State-held Palmyra"


def test_single_seed_file_uses_sibling_manifest() -> None:
    a = read_single(SEEDS / "002_8e5a7ba1f0076063.txt")
    assert isinstance(a, Article)
    assert (a.outlet, a.published, a.published_source) == ("Middle East Eye", date(2016, 3, 24), "manifest")


def test_manifest_alone_reads_listed_files() -> None:
    arts, fails = split(read_inputs([SEEDS / "articles.csv"]))
    assert fails == [] and len(arts) == 5


def test_fakes_corpus() -> None:
    arts, fails = split(read_inputs([FAKES]))
    assert fails == []
    assert len(arts) == 804
    assert all(a.published is not None and a.published_source in ("column", "dateline") for a in arts)
    # a row whose text prints its own dateline with another day: the dateline wins, with a warning
    moved = [a for a in arts if a.published_source == "dateline"]
    assert moved and all(any(k == "date_warning" and "dateline is used" in m for k, m in a.meta) for a in moved)
    first = arts[0]
    assert (first.id, first.published, first.outlet) == ("1914947530", date(2017, 4, 5), "nna")
    assert first.title.startswith("Syria attack symptoms")
    assert len({a.id for a in arts}) == len(arts)  # repeated unit_ids are renamed "<id>#<line>"
    assert sum(1 for a in arts if "#" in a.id) == 12
    assert all(2011 <= a.published.year <= 2018 for a in arts)


def test_markdown_front_matter(tmp_path: Path) -> None:
    p = tmp_path / "story.md"
    p.write_text("---\ntitle: Army enters Palmyra\ndate: 2016-03-24\noutlet: MEE\nid: mee-1\n---\n"
                 "Syrian troops entered Palmyra on Thursday.\n", encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article)
    assert (a.id, a.title, a.outlet, a.published, a.published_source) == (
        "mee-1", "Army enters Palmyra", "MEE", date(2016, 3, 24), "metadata")
    assert a.text == "Syrian troops entered Palmyra on Thursday.\n"
    assert "title:" not in a.text
    i = a.text.index("Palmyra")
    assert a.text[i:i + 7] == "Palmyra"


def test_markdown_bad_front_matter_is_a_warning(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: [unclosed\n---\nBody text here.\n", encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article) and a.text == "Body text here.\n"
    assert any(k == "warning" for k, _ in a.meta)


HTML = """<!doctype html><html><head><title>Army enters Palmyra | MEE</title>
<meta property="article:published_time" content="2016-03-24T10:00:00Z">
<meta property="og:site_name" content="Middle East Eye">
<script>var secret = "SCRIPT_TEXT"; trackUser();</script><style>.x{color:red}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/news">NAV_LINK</a></nav></header>
<article><h1>Army enters Palmyra</h1><p>Syrian troops entered <b>Palmyra</b> on Thursday.</p>
<p>IS fighters withdrew east.</p><script>alert("INLINE_SCRIPT")</script></article>
<footer>FOOTER_TEXT Copyright</footer></body></html>"""


def test_html(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article)
    for junk in ("SCRIPT_TEXT", "INLINE_SCRIPT", "NAV_LINK", "FOOTER_TEXT", "color:red", "trackUser"):
        assert junk not in a.text
    assert "Syrian troops entered Palmyra on Thursday.\n\nIS fighters withdrew east." in a.text
    assert (a.title, a.outlet, a.published, a.published_source) == (
        "Army enters Palmyra", "Middle East Eye", date(2016, 3, 24), "metadata")


def test_html_time_tag(tmp_path: Path) -> None:
    p = tmp_path / "t.htm"
    p.write_text('<html><body><time datetime="2017-03-01">1 March</time><p>The army advanced.</p></body></html>',
                 encoding="utf-8")
    a = read_single(p)
    assert isinstance(a, Article) and a.published == date(2017, 3, 1)


def test_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    rows = [{"id": "a1", "headline": "One", "content": "Forces took the hill on Monday.", "published": "2016-12-11",
             "publisher": "ARA"},
            {"content": "No id, no date here."}]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n{not json}\n" + json.dumps({"content": ""}) + "\n",
                 encoding="utf-8")
    arts, fails = split(read_inputs([p]))
    assert [(a.id, a.title, a.outlet, a.published) for a in arts] == [
        ("a1", "One", "ARA", date(2016, 12, 11)), ("feed:2", None, None, None)]
    assert [(f.line, "malformed JSON" in f.message) for f in fails[:1]] == [(3, True)]
    assert fails[1].line == 4 and "empty" in fails[1].message
    assert all("feed.jsonl" in str(f) for f in fails)


def test_json_list(tmp_path: Path) -> None:
    p = tmp_path / "list.json"
    p.write_text(json.dumps({"articles": [{"text": "Alpha.", "date": "3/19/17"}, {"text": "Beta."}]}), encoding="utf-8")
    arts, fails = split(read_inputs([p]))
    assert fails == [] and [a.id for a in arts] == ["list:1", "list:2"] and arts[0].published == date(2017, 3, 19)


def test_csv_odd_columns_need_override(tmp_path: Path) -> None:
    p = tmp_path / "odd.csv"
    p.write_text("story_id,when,copy,paper\nx1,2016-03-24,Troops entered Palmyra.,MEE\n", encoding="utf-8")
    arts, fails = split(read_inputs([p]))
    assert arts == [] and len(fails) == 1 and "no text column" in fails[0].message and "odd.csv" in str(fails[0])
    arts, fails = split(read_inputs([p], columns={"text": "copy", "date": "when", "id": "story_id",
                                                  "outlet": "paper"}))
    assert fails == []
    assert [(a.id, a.text, a.published, a.outlet, a.published_source) for a in arts] == [
        ("x1", "Troops entered Palmyra.", date(2016, 3, 24), "MEE", "column")]


def test_csv_override_unknown_column(tmp_path: Path) -> None:
    p = tmp_path / "c.csv"
    p.write_text("text\nBody.\n", encoding="utf-8")
    _, fails = split(read_inputs([p], columns={"text": "nope"}))
    assert len(fails) == 1 and "'nope'" in fails[0].message


def test_bad_inputs_batch_goes_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 50)
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('id,text,date\n1,First article.,2016-01-01\n2,"Second, broken",x,y\n3,,2016-01-03\n'
                      '4,Fourth article.,not a date\n', encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("A real article about Palmyra.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    items = list(read_inputs([missing, empty, binary, corpus, good]))
    fails = [i for i in items if isinstance(i, ReadFailure)]
    arts = [i for i in items if isinstance(i, Article)]
    assert [a.id for a in arts] == ["1", "4", "good"]
    msgs = [str(f) for f in fails]
    assert all("\n" not in m for m in msgs)
    assert msgs[0].startswith(f"{missing}: no such file")
    assert msgs[1].startswith(f"{empty}: empty article")
    assert msgs[2].startswith(f"{binary}: ") and "binary" in msgs[2]
    assert msgs[3].startswith(f"{corpus}:3: malformed CSV row")
    assert msgs[4].startswith(f"{corpus}:4: empty article")
    assert arts[1].published is None and any(k == "date_warning" for k, _ in arts[1].meta)


def test_latin1_and_explicit_encoding(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Les forces sont entrées à Palmyre.".encode("latin-1"))
    a = read_single(p)
    assert isinstance(a, Article) and "entrées à Palmyre" in a.text
    assert any(k == "encoding" for k, _ in a.meta)
    f = read_single(p, encoding="utf-8")
    assert isinstance(f, ReadFailure) and "utf-8" in f.message and str(p) in str(f)


def test_utf8_bom_and_dateline(tmp_path: Path) -> None:
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeffTitle of the story here\n\n24 November 2015\n\nBody.".encode("utf-8"))
    a = read_single(p)
    assert isinstance(a, Article) and a.text.startswith("Title")
    assert (a.published, a.published_source) == (date(2015, 11, 24), "dateline")


def test_folder_with_manifest_listing_missing_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Article A body.", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file,outlet,published\na.txt,X,2016-01-02\nb.txt,Y,2016-01-03\n",
                                           encoding="utf-8")
    arts, fails = split(read_inputs([tmp_path]))
    assert [(a.id, a.outlet, a.published) for a in arts] == [("a", "X", date(2016, 1, 2))]
    assert len(fails) == 1 and "b.txt" in fails[0].message and fails[0].line == 3


def test_unsupported_and_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    _, fails = split(read_inputs([tmp_path / "x.pdf", tmp_path / "nope"]))
    assert "unsupported file type" in fails[0].message and "no such file" in fails[1].message


@pytest.mark.parametrize("data,expected,warned", [
    ("café – Palmyra’s".encode("utf-8") + b"\xff" + " Homs é".encode("utf-8"), "café – Palmyra’s\ufffd Homs é", True),
    ("café Palmyra".encode("latin-1"), "café Palmyra", False),
    ("plain ascii".encode("utf-8"), "plain ascii", False),
])
def test_mostly_utf8_keeps_the_text(data: bytes, expected: str, warned: bool) -> None:
    from mapper.read.readers import decode_bytes

    text, meta = decode_bytes(data)
    assert text == expected
    assert any(k == "warning" and "invalid UTF-8" in v for k, v in meta) == warned
