"""events_acled.csv and events_ucdp.csv: columns, type mapping, precision codes, admin1, determinism."""
from __future__ import annotations

import csv
from dataclasses import replace

import pytest

from mapper.publish.layers import build_layers
from mapper.publish.tables import (ACLED_COLUMNS, UCDP_COLUMNS, acled_types, geo_precisions,
                                   stated_fatalities, write_tables)

ACLED_REQUIRED = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                  "sub_event_type", "actor1", "assoc_actor_1", "actor2", "admin1", "admin2", "admin3",
                  "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                  "fatalities", "timestamp"]


@pytest.fixture
def tables(synthetic_build, tmp_path):
    # the gazetteer's governorate of Palmyra (Place.admin1)
    pal = synthetic_build.places["sy:palmyra"]
    synthetic_build.places["sy:palmyra"] = replace(pal, admin1="Homs")
    write_tables(build_layers(synthetic_build), tmp_path)
    read = lambda name: {r["frontline_id"]: r for r in csv.DictReader(  # noqa: E731
        (tmp_path / name).open(encoding="utf-8", newline=""))}
    return read("events_acled.csv"), read("events_ucdp.csv"), tmp_path


def test_acled_header_is_acleds_columns_first(tables):
    _, _, out = tables
    header = next(csv.reader((out / "events_acled.csv").open(encoding="utf-8", newline="")))
    assert header[:len(ACLED_REQUIRED)] == ACLED_REQUIRED == list(ACLED_COLUMNS)
    assert "frontline_id" in header and "article" in header and "char_start" in header
    header = next(csv.reader((out / "events_ucdp.csv").open(encoding="utf-8", newline="")))
    assert header[:len(UCDP_COLUMNS)] == list(UCDP_COLUMNS)
    assert {"where_prec", "date_prec"} <= set(header) and len(header) == len(set(header))


@pytest.mark.parametrize("eid, event_type, sub_event_type, actor1, actor2", [
    ("a1-e1", "Battles", "Non-state actor overtakes territory", "Islamic State (Syria)",
     "Military Forces of Syria (2000-)"),
    ("a2-e1", "Explosions/Remote violence", "Air/drone strike", "Military Forces of Syria (2000-)", ""),
    ("a2-e2", "Battles", "Armed clash", "Military Forces of Syria (2000-)", ""),
    ("a1-e2", "Strategic developments", "Non-violent transfer of territory", "Military Forces of Syria (2000-)", ""),
    ("a2-e3", "Strategic developments", "Other", "Military Forces of Syria (2000-)", ""),
])
def test_acled_types_and_actors(tables, eid, event_type, sub_event_type, actor1, actor2):
    row = tables[0][eid]
    assert (row["event_type"], row["sub_event_type"], row["actor1"], row["actor2"]) == (
        event_type, sub_event_type, actor1, actor2)
    assert row["disorder_type"] in ("Political violence", "Strategic developments")


@pytest.mark.parametrize("kind, side, sub", [
    ("capture", "government", "Government regains territory"),
    ("entry", "government", "Government regains territory"),
    ("capture", "islamic_state", "Non-state actor overtakes territory"),
    ("capture", "opposition", "Non-state actor overtakes territory"),
    ("capture", "sdf", "Non-state actor overtakes territory"),
    ("capture", "unknown", "Armed clash"),
    ("clash", "sdf", "Armed clash"),
    ("airstrike", "us_coalition", "Air/drone strike"),
    ("shelling", "government", "Shelling/artillery/missile attack"),
    ("withdrawal", "islamic_state", "Non-violent transfer of territory"),
    ("destruction", "islamic_state", "Looting/property destruction"),
])
def test_acled_type_table(kind, side, sub):
    assert acled_types(kind, side)[2] == sub


@pytest.mark.parametrize("eid, event_date, year, time_precision, date_prec", [
    ("a1-e1", "2016-12-11", "2016", "1", "1"),         # the day
    ("a2-e3", "2016-12-08", "2016", "2", "3"),         # "earlier this week" 5..11 Dec: middle day, a week
    ("a3-e1", "", "", "3", "5"),                       # undated: kept, no date
])
def test_dates_and_precisions(tables, eid, event_date, year, time_precision, date_prec):
    acled, ucdp, _ = tables
    assert (acled[eid]["event_date"], acled[eid]["year"], acled[eid]["time_precision"]) == (
        event_date, year, time_precision)
    assert ucdp[eid]["date_prec"] == date_prec
    assert acled[eid]["flags"] == ("undated" if eid == "a3-e1" else "")


@pytest.mark.parametrize("eid, geo, where", [
    ("a1-e1", "1", "1"),     # Palmyra itself
    ("a1-e2", "2", "2"),     # 4km west of Palmyra: within ~25 km of a known point
    ("a2-e2", "2", "2"),     # within two kilometres of the T4 airbase (area-only)
])
def test_geo_precision_and_where_prec(tables, eid, geo, where):
    acled, ucdp, _ = tables
    assert acled[eid]["geo_precision"] == geo and ucdp[eid]["where_prec"] == where


@pytest.mark.parametrize("row, kind, want", [
    ({"location_method": "gazetteer", "location_precision": "exact"}, "governorate", (3, 4)),
    ({"location_method": "gazetteer", "location_precision": "exact"}, "district", (3, 3)),
    ({"location_method": "gazetteer", "location_precision": "exact"}, "country", (3, 6)),
    ({"location_method": "region", "location_precision": "region", "uncertainty_km": 60.0}, None, (3, 5)),
    ({"location_method": "direction", "location_precision": "area", "uncertainty_km": 40.0}, "city", (3, 5)),
])
def test_precision_table(row, kind, want):
    assert geo_precisions(row, kind) == want


def test_admin1_location_and_notes(tables):
    acled, ucdp, _ = tables
    row = acled["a1-e1"]
    assert (row["admin1"], row["location"]) == ("Homs", "Palmyra")
    assert ucdp["a1-e1"]["adm_1"] == "Homs"
    assert acled["a2-e2"]["admin1"] == ""                 # no governorate in the gazetteer: empty
    assert row["notes"] == "Islamic State fighters captured Palmyra on Sunday."
    assert (float(row["latitude"]), float(row["longitude"])) == (34.56, 38.285)
    assert acled["a2-e1"]["notes"].startswith("Residents said <script>")   # text as read
    assert row["fatalities"] == "" and ucdp["a1-e1"]["best"] == ""           # not stated: empty, not 0
    assert row["timestamp"] == "1481414400"                                   # 2016-12-11 00:00 UTC
    assert row["event_id_cnty"].startswith("SYR")
    assert len({r["event_id_cnty"] for r in acled.values()}) == len(acled) == 7


@pytest.mark.parametrize("quote, n", [
    ("The strikes killed 12 civilians.", 12),
    ("Five soldiers were killed near Palmyra.", 5),
    ("killing at least 30 people", 30),
    ("The death toll rose to 41.", 41),
    ("Government forces captured the town.", None),
    ("12 villages were captured.", None),
])
def test_stated_fatalities(quote, n):
    assert stated_fatalities(quote) == n


def test_tables_are_byte_identical(synthetic_build, tmp_path):
    from tests.conftest import make_synthetic_build, make_synthetic_fronts

    write_tables(build_layers(synthetic_build), tmp_path / "a")
    b2 = make_synthetic_build()
    b2.fronts = make_synthetic_fronts()
    b2.events.reverse()
    write_tables(build_layers(b2), tmp_path / "b")
    for name in ("events_acled.csv", "events_ucdp.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_seeds_build_writes_the_tables(seeds_output):
    rows = list(csv.DictReader((seeds_output / "data" / "events_acled.csv").open(encoding="utf-8", newline="")))
    assert rows
    qadri = [r for r in rows if r["location"] == "Al-Qadri Farms" and r["event_date"] == "2015-11-23"]
    assert qadri and qadri[0]["sub_event_type"] == "Government regains territory"
    assert qadri[0]["time_precision"] == "1"
    ucdp = list(csv.DictReader((seeds_output / "data" / "events_ucdp.csv").open(encoding="utf-8", newline="")))
    assert len(ucdp) == len(rows)
    assert {r["date_prec"] for r in ucdp} <= {"1", "2", "3", "4", "5"}
    assert {r["where_prec"] for r in ucdp} <= {str(i) for i in range(1, 8)}
