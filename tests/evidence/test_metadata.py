"""Document metadata: dates and titles from text, front matter, index files, merging."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from zopa.errors import EvidenceError
from zopa.evidence.metadata import (
    DocumentMeta,
    date_from_text,
    load_index,
    merge_meta,
    meta_from_mapping,
    normalise_date,
    split_front_matter,
    title_from_text,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-9.2 C\nOttawa\nSunday, December 7, 2025\n\nImpasse at the Kremlin", "2025-12-07"),
        (" date 2026-02-24 Sign up now: Get our newsletters", "2026-02-24"),
        ("Talks stall\nPublished on 3 February 2026\n\nBody text.", "2026-02-03"),
        ("Talks stall\nPublished: Feb. 3, 2026 | 10:42\n\nBody.", "2026-02-03"),
        ("Updated Jan 23, 2026 - Kremlin says no breakthrough", "2026-01-23"),
        ("KYIV\n23 January 2026\nThe Kremlin said on Friday...", "2026-01-23"),
        # dates inside the story are events, not the date of the article
        ("The invasion began on Feb 24, 2022 and has not ended.", None),
        ("Talks are scheduled for March 4-5 in Geneva.", None),
        ("Published in News & Features\nRussia sees no breakthrough", None),
    ],
)
def test_date_from_text(text, expected):
    assert date_from_text(text) == expected


def test_a_dateline_far_down_the_text_is_ignored():
    text = "Headline\n\n" + "Some sentence of the story. " * 200 + "\nMonday, May 5, 2025\n"
    assert date_from_text(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-07", "2025-12-07"),
        ("2025-12", "2025-12"),
        (dt.date(2025, 12, 7), "2025-12-07"),
        (dt.datetime(2025, 12, 7, 23, 59), "2025-12-07"),
        ("7 December 2025", "2025-12-07"),
        ("2025-03-14T09:30:00Z", "2025-03-14"),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2025-13-01", "2025-02-30", "March 4"])
def test_normalise_date_refuses_what_is_not_a_full_date(value):
    with pytest.raises(EvidenceError, match=r"^--date: "):
        normalise_date(value, where="--date")


def test_title_from_text():
    assert title_from_text("Talks stall in Geneva\n\nThe talks stalled on Friday.") == (
        "Talks stall in Geneva"
    )
    # a first line that is already a sentence of the story is no title, nor a later subheading
    story = "Peace talks are near a breaking point, sources say.\nRussia's Specific Demands\n"
    assert title_from_text(story) is None
    assert title_from_text("## Deal in sight\nBody.") == "Deal in sight"


def test_front_matter():
    fields, body = split_front_matter("---\ntitle: T\ndate: 2025-04-02\n---\nBody\n", where="a.md")
    assert fields == {"title": "T", "date": dt.date(2025, 4, 2)}
    assert body == "Body\n"
    assert split_front_matter("No front matter\n---\n", where="a.md") == (
        {},
        "No front matter\n---\n",
    )
    with pytest.raises(EvidenceError, match=r"a\.md: front matter is not valid YAML"):
        split_front_matter("---\ntitle: [unclosed\n---\nBody", where="a.md")
    with pytest.raises(EvidenceError, match=r"a\.md: front matter must be a mapping"):
        split_front_matter("---\n- a list\n---\nBody", where="a.md")


def test_meta_from_mapping_reads_usual_keys():
    meta = meta_from_mapping(
        {"Headline": "H", "publisher": "P", "pubdate": "7 December 2025", "link": "https://x"},
        where="entry",
    )
    assert meta == DocumentMeta(title="H", outlet="P", published="2025-12-07", url="https://x")
    with pytest.raises(EvidenceError, match="entry: date"):
        meta_from_mapping({"date": "soon"}, where="entry")


def test_merge_meta_later_wins_where_it_knows():
    merged = merge_meta(
        DocumentMeta(title="from text", published="2025-12"),
        None,
        DocumentMeta(outlet="index", published="2025-12-07"),
        DocumentMeta(title="option"),
    )
    assert merged == DocumentMeta(title="option", outlet="index", published="2025-12-07")


def test_load_index_list_and_mapping_forms(tmp_path):
    listed = tmp_path / "index.yaml"
    listed.write_text(
        "- file: sub/a.txt\n  outlet: Gazette\n  date: 2025-12-07\n"
        "- file: b.html\n  title: B\n  url: https://b\n"
    )
    assert load_index(listed) == {
        "a.txt": DocumentMeta(outlet="Gazette", published="2025-12-07"),
        "b.html": DocumentMeta(title="B", url="https://b"),
    }
    mapped = tmp_path / "map.yaml"
    mapped.write_text("a.txt: {outlet: Gazette, date: '2025-12'}\n")
    assert load_index(mapped) == {"a.txt": DocumentMeta(outlet="Gazette", published="2025-12")}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- outlet: no file name\n", r"entry 0: each entry needs a 'file'"),
        ("- file: a.txt\n  date: someday\n", r"entry 0: date: 'someday' is not a date"),
        ("just a string\n", "an index is a list"),
        ("- file: [unclosed\n", "not valid YAML"),
    ],
)
def test_load_index_errors_name_the_file_and_entry(tmp_path, content, message):
    path = tmp_path / "index.yaml"
    path.write_text(content)
    with pytest.raises(EvidenceError, match=message) as caught:
        load_index(path)
    assert str(caught.value).startswith(str(path))


def test_load_index_missing_file(tmp_path):
    with pytest.raises(EvidenceError, match="no such index file"):
        load_index(tmp_path / "absent.yaml")


def test_seed_index_matches_its_yaml(shared_dir):
    path = shared_dir / "corpus" / "seeds" / "index.yaml"
    raw = yaml.safe_load(path.read_text())
    index = load_index(path)
    assert len(index) == len(raw) == 5
    for entry in raw:
        meta = index[entry["file"]]
        assert meta.outlet == entry["outlet"]
        assert meta.published == str(entry["date"])


def test_index_entries_must_be_mappings(tmp_path):
    index = tmp_path / "index.yaml"
    index.write_text("a.txt: just a string\n")
    with pytest.raises(EvidenceError, match=r"entry 'a\.txt' must be a mapping"):
        load_index(index)
    index.write_text("- {file: a.txt, date: 2026-02-30}\n")
    with pytest.raises(EvidenceError, match=r"index\.yaml"):
        load_index(index)
