import csv
import gzip
import json
import zipfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from netviz.errors import NetvizError
from netviz.ingest import events
from netviz.ingest.actors import Actor, Codebook
from netviz.ingest.events import (
    format_summary,
    period_start,
    read_events,
    stream_events,
)
from netviz.model import KINDS, relation_record

GDELT = Path("/work/shared/external/gdelt-20191024143000.export.CSV")
needs_gdelt = pytest.mark.skipif(not GDELT.exists(), reason="the shared GDELT sample is not on this machine")

# States only, named so that no GDELT actor name resolves to them: every
# mapping then goes through the country code, which the test recomputes.
STATES = ("USA", "GBR", "RUS", "IRN", "CHN", "SYR", "TUR", "FRA", "DEU", "ISR", "LBN", "SAU", "IRQ", "UKR", "JPN", "CAN")


def states_codebook() -> Codebook:
    return Codebook([Actor(s, f"state {s}", "state", ()) for s in STATES])


def full_codebook() -> Codebook:
    """States with their ICEWS-style names plus the organisations and groups the traps need."""
    return Codebook(
        [
            Actor("RUS", "Russia", "state", ("Russian Federation",)),
            Actor("TUR", "Turkey", "state", ()),
            Actor("SYR", "Syria", "state", ()),
            Actor("USA", "United States", "state", ()),
            Actor("ISR", "Israel", "state", ()),
            Actor("LBN", "Lebanon", "state", ()),
            Actor("PSE", "Palestine", "state", ()),
            Actor("GBR", "Britain", "state", ()),
            Actor("UN", "United Nations", "organisation", ()),
            Actor("EU", "European Union", "organisation", ()),
            Actor("HEZBOLLAH", "Hezbollah", "armed_group", ()),
            Actor("ISIS", "Islamic State", "armed_group", ("Islamic State of Iraq and the Levant",)),
        ]
    )


def gdelt_rows() -> list[list[str]]:
    with GDELT.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- the real GDELT 2.0 sample -------------------------------------------------


@needs_gdelt
def test_gdelt_sample_counts_match_an_independent_reading_of_the_raw_columns():
    rows = gdelt_rows()
    assert {len(r) for r in rows} == {61}  # the documented GDELT 2.0 layout

    armed = {"REB", "INS", "SEP"}
    expected, duplicates, neutral = Counter(), 0, 0
    signs, kinds, seen = Counter(), Counter(), set()
    quad = dict(zip("1234", KINDS))
    for r in rows:
        a, b = r[7], r[17]
        a_ok = a in STATES and not r[8] and not armed & set(r[12:15])
        b_ok = b in STATES and not r[18] and not armed & set(r[22:25])
        if not (a_ok and b_ok) or a == b:
            continue
        if float(r[30]) == 0:
            neutral += 1
            continue
        key = (r[1], frozenset((a, b)), r[26], r[60])
        if key in seen:
            duplicates += 1
            continue
        seen.add(key)
        expected[(a, b)] += 1
        signs[1 if float(r[30]) > 0 else -1] += 1
        kinds[quad[r[29]]] += 1

    result = read_events(GDELT, states_codebook())
    s = result.summary
    assert (s.format, s.rows, s.used) == ("gdelt2", len(rows), sum(expected.values()))
    assert s.used + sum(s.skipped.values()) == s.rows
    assert Counter((r.a, r.b) for r in result.relations) == expected
    assert Counter(r.sign for r in result.relations) == signs
    assert Counter(r.kind for r in result.relations) == kinds
    assert s.skipped[events.NEUTRAL] == neutral
    assert s.skipped[events.REPEATED] + s.skipped[events.MIRRORED] == duplicates > 0
    assert result.warnings == ()


@needs_gdelt
def test_gdelt_sign_and_intensity_follow_goldstein_and_kind_follows_the_quad_class_table():
    by_id = {r[0]: r for r in gdelt_rows()}
    result = read_events(GDELT, states_codebook())
    assert result.relations
    for rel in result.relations:
        raw = by_id[rel.evidence.rule.removeprefix("gdelt event ")]
        goldstein = float(raw[30])
        assert rel.intensity == abs(goldstein) and rel.sign == (1 if goldstein > 0 else -1)
        assert rel.kind == events.QUAD_CLASSES[raw[28]] == KINDS[int(raw[29]) - 1]
        assert rel.date == date(int(raw[1][:4]), int(raw[1][4:6]), int(raw[1][6:]))
        assert (rel.origin, rel.evidence.url, rel.evidence.cue) == ("gdelt", raw[60], raw[26])
    # the table is GDELT's published scheme: every row of the real file agrees with it
    assert all(events.QUAD_CLASSES[r[28]] == KINDS[int(r[29]) - 1] for r in by_id.values())
    assert {r[28] for r in by_id.values()} >= {"09", "14"}  # the roots GDELT and ICEWS used to disagree on


@needs_gdelt
def test_gdelt_date_added_places_events_on_the_report_date():
    rows = gdelt_rows()
    old = [r for r in rows if (date(2019, 10, 24) - date(int(r[1][:4]), int(r[1][4:6]), int(r[1][6:]))).days >= 30]
    assert old, "the sample has events dated a year before their report"
    by_event = read_events(GDELT, states_codebook())
    by_added = read_events(GDELT, states_codebook(), date_field="added")
    assert {r.date for r in by_added.relations} == {date(2019, 10, 24)}
    # The evidence keeps each event's own date.
    kept = sorted(r.evidence.sentence.rsplit("event date ", 1)[1].rstrip(")") for r in by_added.relations)
    assert kept == sorted(r.date.isoformat() for r in by_event.relations)
    assert by_event.summary.early == by_added.summary.early > 0
    assert by_added.summary.date_field == "added"
    assert "DATEADDED" in format_summary(by_added.summary)
    assert "SQLDATE" in format_summary(by_event.summary)


@needs_gdelt
def test_gdelt_groups_map_to_organisations_but_sub_organisations_do_not():
    rows = {r[0]: r for r in gdelt_rows()}
    result = read_events(GDELT, full_codebook())
    for rel in result.relations:
        raw = rows[rel.evidence.rule.removeprefix("gdelt event ")]
        for actor, code, group in ((rel.a, raw[5], raw[8]), (rel.b, raw[15], raw[18])):
            if actor == "EU":
                assert group == "EEC"
            if actor == "UN":
                assert code == "IGOUNO"  # never the World Bank (IGOUNODEVWBK) or UNHCR
    assert any("EU" in r.dyad for r in result.relations)
    assert any(label.startswith("WORLD BANK") for label in result.summary.unmapped)


@needs_gdelt
def test_gdelt_import_streams_relations_before_the_file_is_read():
    stream = stream_events(GDELT, states_codebook())
    first = next(iter(stream))
    assert first.origin == "gdelt"
    assert stream.summary.rows < 2111


@needs_gdelt
def test_zipped_and_gzipped_gdelt_read_like_the_plain_file(tmp_path):
    zipped = tmp_path / "20191024143000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(GDELT, GDELT.name)
    gzipped = tmp_path / "export.CSV.gz"
    gzipped.write_bytes(gzip.compress(GDELT.read_bytes()))
    plain = read_events(GDELT, states_codebook()).relations
    assert read_events(zipped, states_codebook()).relations == plain
    assert read_events(gzipped, states_codebook()).relations == plain


# --- small GDELT files written here -----------------------------------------------


def gdelt_line(columns=61, event="20191024", a="TUR", b="SYR", code="190", quad="4", goldstein="-10.0",
               url="https://example.org/a", added="20191024143000", event_id="1", a_type="", b_type="", a_name="",
               mentions="1", sources="1", root="1") -> str:
    row = [""] * columns
    row[0], row[1], row[26], row[29], row[30] = event_id, event, code, quad, goldstein
    row[25], row[31], row[32] = root, mentions, sources
    row[5], row[6], row[7], row[12] = a + a_type, a_name, a, a_type
    row[15], row[17], row[22] = b, b, b_type
    if columns == 61:
        row[59], row[60] = added, url
    else:
        row[56] = added[:8]
        if columns == 58:
            row[57] = url
    return "\t".join(row)


def write_lines(tmp_path: Path, lines: list[str], name: str = "events.CSV") -> Path:
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [57, 58])
def test_gdelt1_daily_exports_are_detected_and_read(tmp_path, columns):
    path = write_lines(tmp_path, [gdelt_line(columns), gdelt_line(columns, a="USA", b="RUS", code="057", quad="1", goldstein="8.0")])
    result = read_events(path, full_codebook())
    assert result.summary.format == "gdelt1"
    assert [(r.a, r.b, r.sign) for r in result.relations] == [("TUR", "SYR", -1), ("USA", "RUS", 1)]
    assert result.relations[0].evidence.url == ("https://example.org/a" if columns == 58 else None)


def test_gdelt_group_named_in_the_codebook_beats_its_country(tmp_path):
    path = write_lines(tmp_path, [gdelt_line(a="SYR", a_type="REB", a_name="ISLAMIC STATE", b="TUR")])
    assert [r.dyad for r in read_events(path, full_codebook()).relations] == [("ISIS", "TUR")]


def test_gdelt_repeated_report_and_mirrored_event_count_once(tmp_path):
    path = write_lines(
        tmp_path,
        [
            gdelt_line(event_id="1"),
            gdelt_line(event_id="2"),  # same date, dyad, code and URL
            gdelt_line(event_id="3", a="SYR", b="TUR"),  # the same fight seen from the other side
            gdelt_line(event_id="4", url="https://example.org/other"),  # another report: counts
        ],
    )
    result = read_events(path, full_codebook())
    assert [r.evidence.rule for r in result.relations] == ["gdelt event 1", "gdelt event 4"]
    assert result.summary.skipped == Counter({events.REPEATED: 1, events.MIRRORED: 1})


def test_events_of_different_dates_in_one_report_stay_apart_when_placed_on_the_report_date(tmp_path):
    path = write_lines(tmp_path, [gdelt_line(event_id="1"), gdelt_line(event_id="2", event="20190901")])
    result = read_events(path, full_codebook(), date_field="added")
    assert [r.date for r in result.relations] == [date(2019, 10, 24), date(2019, 10, 24)]


def test_gdelt_skips_neutral_self_regional_armed_and_unknown_actors(tmp_path):
    path = write_lines(
        tmp_path,
        [
            gdelt_line(goldstein="0.0", code="010", quad="1"),
            gdelt_line(a="TUR", b="TUR"),
            gdelt_line(a="EUR"),
            gdelt_line(a="SYR", a_type="REB", b="TUR"),
            gdelt_line(a="URY"),
            gdelt_line(a=""),
        ],
    )
    result = read_events(path, full_codebook())
    assert result.relations == ()
    assert result.summary.skipped == Counter(
        {events.NEUTRAL: 1, events.SELF: 1, events.REGION: 1, events.ARMED: 1, events.UNMAPPED: 1, events.NO_CODE: 1}
    )
    assert result.summary.unmapped == Counter({"URY": 1, "SYRREB": 1})  # the rebels, for --actors


def test_a_few_bad_gdelt_rows_become_warnings_with_line_numbers(tmp_path):
    good = [gdelt_line(event_id=str(i), url=f"https://example.org/{i}") for i in range(20)]
    lines = good[:5] + [gdelt_line(event="2019-13-01"), "short\trow", gdelt_line(goldstein="abc")] + good[5:]
    path = write_lines(tmp_path, lines)
    result = read_events(path, full_codebook())
    assert result.summary.used == 20
    assert result.summary.skipped[events.MALFORMED] == 3
    text = "\n".join(result.warnings)
    assert "SQLDATE (line 6)" in text and "2 columns instead of 61 (line 7)" in text and "GoldsteinScale" in text
    assert all(w.startswith(str(path)) for w in result.warnings)


def test_text_that_is_not_utf8_is_a_bad_row(tmp_path):
    path = tmp_path / "latin1.CSV"
    path.write_bytes((gdelt_line() + "\n").encode() + gdelt_line(event_id="2").replace("TUR", "T\xdcR").encode("latin-1") + b"\n")
    result = read_events(path, full_codebook())
    assert result.summary.used == 1
    assert "not UTF-8 (line 2)" in result.warnings[0]


def test_too_many_bad_rows_reject_the_file(tmp_path):
    lines = [gdelt_line(event_id=str(i), url=f"u{i}") for i in range(5)] + [gdelt_line(event="bad")] * 11
    path = write_lines(tmp_path, lines)
    with pytest.raises(NetvizError, match=r"events\.CSV: 11 of 16 rows are malformed \(line 6: an unreadable SQLDATE\)"):
        read_events(path, full_codebook())


# --- ICEWS ---------------------------------------------------------------------------

HEADER = [
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
]


def icews_line(event_id="1", day="2018-10-24", source="Russia", source_country="Russian Federation", text="Sign formal agreement",
               code="057", intensity="8.0", target="Turkey", target_country="Turkey", story="100", sentence="1",
               source_sectors="", target_sectors="") -> str:
    row = dict.fromkeys(HEADER, "")
    row.update({
        "Event ID": event_id, "Event Date": day, "Source Name": source, "Source Sectors": source_sectors,
        "Source Country": source_country, "Event Text": text, "CAMEO Code": code, "Intensity": intensity,
        "Target Name": target, "Target Sectors": target_sectors, "Target Country": target_country,
        "Story ID": story, "Sentence Number": sentence, "Publisher": "Agence France-Presse",
    })
    return "\t".join(row[h] for h in HEADER)


def write_icews(tmp_path: Path, lines: list[str], header: list[str] = HEADER) -> Path:
    return write_lines(tmp_path, ["\t".join(header), *lines], name="events.2018.tab")


def test_icews_maps_country_names_and_group_names_to_codebook_ids(tmp_path):
    path = write_icews(
        tmp_path,
        [
            icews_line(),
            icews_line(event_id="2", source="Hezbollah", source_country="Lebanon", text="Fight", code="190",
                       intensity="-10", target="Israel", target_country="Israel", story="101"),
            icews_line(event_id="3", source="Citizen (Palestine)", source_country="Occupied Palestinian Territory",
                       code="111", intensity="-2", target="United Nations", target_country="", story="102"),
            icews_line(event_id="4", source="Islamic State of Iraq and the Levant", source_country="Syria",
                       source_sectors="Insurgents,Sunni", code="190", intensity="-10", story="103"),
        ],
    )
    result = read_events(path, full_codebook())
    got = [(r.a, r.b, r.sign, r.kind, r.intensity, r.date) for r in result.relations]
    assert got == [
        ("RUS", "TUR", 1, "verbal_cooperation", 8.0, date(2018, 10, 24)),
        ("HEZBOLLAH", "ISR", -1, "material_conflict", 10.0, date(2018, 10, 24)),
        ("PSE", "UN", -1, "verbal_conflict", 2.0, date(2018, 10, 24)),
        ("ISIS", "TUR", -1, "material_conflict", 10.0, date(2018, 10, 24)),  # a known group, not "insurgents"
    ]
    first = relation_record(result.relations[0])
    assert first["origin"] == "icews" and first["cue"] == "057" and first["outlet"] == "Agence France-Presse"
    assert "Sign formal agreement" in first["sentence"] and "story 100" in first["rule"]
    assert result.summary.format == "icews" and result.summary.used == 4


def test_icews_symmetric_event_reported_twice_counts_once(tmp_path):
    path = write_icews(
        tmp_path,
        [
            icews_line(event_id="1", code="040", intensity="1", text="Consult"),
            icews_line(event_id="2", source="Turkey", source_country="Turkey", target="Russia",
                       target_country="Russian Federation", code="040", intensity="1", text="Consult"),
        ],
    )
    result = read_events(path, full_codebook())
    assert [(r.a, r.b) for r in result.relations] == [("RUS", "TUR")]
    assert result.summary.skipped == Counter({events.MIRRORED: 1})


def test_icews_repeated_report_in_one_story_counts_once_but_other_stories_count(tmp_path):
    path = write_icews(
        tmp_path,
        [
            icews_line(event_id="1", sentence="1"),
            icews_line(event_id="2", sentence="4"),  # the same story repeats the event
            icews_line(event_id="3", story="200"),  # another story: another report
            icews_line(event_id="4", day="2018-10-25"),  # another day: another event
        ],
    )
    result = read_events(path, full_codebook())
    assert [r.evidence.rule for r in result.relations] == [
        "icews story 100 sentence 1 event 1", "icews story 200 sentence 1 event 3", "icews story 100 sentence 1 event 4",
    ]
    assert result.summary.skipped == Counter({events.REPEATED: 1})


def test_icews_kind_comes_from_the_cameo_root_and_lost_zeros_are_restored(tmp_path):
    codes = ["42", "211", "0211", "061", "090", "1123", "145", "190"]
    lines = [icews_line(event_id=str(i), code=c, intensity="-1" if c[:2] in ("09", "11", "14", "19") else "1", story=str(i))
             for i, c in enumerate(codes)]
    result = read_events(write_icews(tmp_path, lines), full_codebook())
    assert [(r.evidence.cue, r.kind) for r in result.relations] == [
        ("042", "verbal_cooperation"), ("0211", "verbal_cooperation"), ("0211", "verbal_cooperation"),
        ("061", "material_cooperation"), ("090", "material_cooperation"), ("1123", "verbal_conflict"),
        ("145", "verbal_conflict"), ("190", "material_conflict"),
    ]


def test_icews_skips_insurgents_neutral_and_unknown_countries_and_lists_them(tmp_path):
    path = write_icews(
        tmp_path,
        [
            icews_line(source="Militant (Syria)", source_sectors="Insurgents,Radicals / Extremists / Fundamentalists",
                       source_country="Syria", code="190", intensity="-10"),
            icews_line(code="010", intensity="0", story="2"),
            icews_line(target="Uruguay", target_country="Uruguay", story="3"),
            icews_line(target="Russia", target_country="Russian Federation", story="4"),
            icews_line(source="", source_country="", story="5"),
        ],
    )
    result = read_events(path, full_codebook())
    assert result.relations == ()
    assert result.summary.skipped == Counter(
        {events.ARMED: 1, events.NEUTRAL: 1, events.UNMAPPED: 1, events.SELF: 1, events.NO_CODE: 1}
    )
    assert "Uruguay (1)" in format_summary(result.summary)


def test_icews_quoted_cells_and_reordered_columns_are_read(tmp_path):
    header = list(reversed(HEADER))
    cells = icews_line().split("\t")
    line = "\t".join(f'"{c}"' for c in reversed(cells))
    path = write_lines(tmp_path, ["\t".join(f'"{h}"' for h in header), line], name="dataverse.tab")
    result = read_events(path, full_codebook())
    assert [(r.a, r.b) for r in result.relations] == [("RUS", "TUR")]


def test_icews_saved_with_a_byte_order_mark_is_read(tmp_path):
    path = write_icews(tmp_path, [icews_line()])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    relations = read_events(path, full_codebook()).relations
    assert [r.evidence.rule for r in relations] == ["icews story 100 sentence 1 event 1"]


def test_icews_with_date_added_warns_and_uses_the_event_date(tmp_path):
    result = read_events(write_icews(tmp_path, [icews_line()]), full_codebook(), date_field="added")
    assert result.relations[0].date == date(2018, 10, 24)
    assert "only their event date" in result.warnings[0]


def test_icews_bad_rows_are_reported_by_line(tmp_path):
    lines = [icews_line(event_id=str(i), story=str(i)) for i in range(12)]
    lines[3] = icews_line(day="24/10/2018")
    lines[7] = icews_line(code="ABC")
    lines[9] = icews_line(intensity="12")
    result = read_events(write_icews(tmp_path, lines), full_codebook())
    assert result.summary.used == 9
    text = "\n".join(result.warnings)
    assert "an unreadable Event Date (line 5)" in text
    assert "a CAMEO Code that is not a CAMEO event code (line 9)" in text
    assert "an Intensity that is not a number from -10 to 10 (line 11)" in text


def test_icews_header_without_a_needed_column_is_an_error(tmp_path):
    header = [h for h in HEADER if h != "Intensity"]
    with pytest.raises(NetvizError, match=r"events\.2018\.tab:1: the ICEWS header has no 'Intensity' column"):
        read_events(write_icews(tmp_path, [], header=header), full_codebook())


# --- files that are not event files ------------------------------------------------


def test_missing_empty_binary_folder_and_unknown_files_are_clear_errors(tmp_path):
    cb = full_codebook()
    with pytest.raises(NetvizError, match="nope.CSV: no such file"):
        read_events(tmp_path / "nope.CSV", cb)
    (tmp_path / "empty.CSV").write_text("\n\n")
    with pytest.raises(NetvizError, match="empty.CSV: the file is empty"):
        read_events(tmp_path / "empty.CSV", cb)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(NetvizError, match="image.png: binary file"):
        read_events(tmp_path / "image.png", cb)
    with pytest.raises(NetvizError, match="is a folder"):
        read_events(tmp_path, cb)
    (tmp_path / "other.tsv").write_text("a\tb\tc\n1\t2\t3\n")
    with pytest.raises(NetvizError, match=r"other.tsv:1: unknown event format: 3 tab-separated columns"):
        read_events(tmp_path / "other.tsv", cb)
    (tmp_path / "export.csv").write_text(",".join(["x"] * 61) + "\n")
    with pytest.raises(NetvizError, match="export.csv:1: comma-separated"):
        read_events(tmp_path / "export.csv", cb)


def test_archives_must_hold_one_file_and_be_intact(tmp_path):
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as archive:
        archive.writestr("a.CSV", gdelt_line())
        archive.writestr("b.CSV", gdelt_line())
    with pytest.raises(NetvizError, match="two.zip: a zip archive must hold exactly one event file, this one holds 2"):
        read_events(two, full_codebook())
    truncated = tmp_path / "export.CSV.gz"
    whole = gzip.compress("\n".join(gdelt_line(event_id=str(i), url=f"u{i * 7919}") for i in range(2000)).encode())
    truncated.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(NetvizError, match="export.CSV.gz: the compressed data is damaged"):
        read_events(truncated, full_codebook())
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    with pytest.raises(NetvizError, match="broken.zip: damaged zip archive"):
        read_events(broken, full_codebook())


def test_forcing_the_wrong_kind_names_the_detected_one(tmp_path):
    path = write_lines(tmp_path, [gdelt_line()])
    with pytest.raises(NetvizError, match=r"looks like GDELT 2.0 events, not GDELT 1.0 events; drop --kind or use --kind gdelt2"):
        read_events(path, full_codebook(), kind="gdelt1")
    assert read_events(path, full_codebook(), kind="gdelt2").summary.used == 1
    with pytest.raises(NetvizError, match="event format 'cameo' is not one of gdelt2, gdelt1, icews"):
        read_events(path, full_codebook(), kind="cameo")
    with pytest.raises(NetvizError, match="date field 'published' is not one of event, added"):
        read_events(path, full_codebook(), date_field="published")


# --- periods and summaries ---------------------------------------------------------------


def test_period_start_groups_dates_by_iso_week_and_month():
    sunday, monday = date(2019, 10, 27), date(2019, 10, 28)
    assert period_start(sunday, "week") == date(2019, 10, 21)
    assert period_start(monday, "week") == monday
    assert period_start(date(2020, 1, 1), "week") == date(2019, 12, 30)  # ISO weeks cross years
    assert period_start(date(2020, 2, 29), "month") == date(2020, 2, 1)
    assert period_start(sunday, "day") == sunday
    with pytest.raises(NetvizError, match="period 'year' is not one of day, week, month"):
        period_start(sunday, "year")


def test_summary_adds_up_and_names_the_date_used(tmp_path):
    path = write_lines(tmp_path, [gdelt_line(), gdelt_line(event_id="2"), gdelt_line(event="20181024", url="old")])
    s = read_events(path, full_codebook()).summary
    assert (s.rows, s.used, s.early, s.first, s.last) == (3, 2, 1, date(2018, 10, 24), date(2019, 10, 24))
    text = format_summary(s)
    assert text.splitlines()[0] == "events.CSV: GDELT 2.0 events: 3 rows, 2 used, 1 skipped"
    assert "1 dated 30+ days before its report (the 'added' date" in text
    assert "1 repeated report of an event" in text


# --- the command line -------------------------------------------------------------------------


def run_cli(*args: str):
    from typer.testing import CliRunner

    # The CLI imports every pipeline stage; skip while one of them is not written yet.
    cli = pytest.importorskip("netviz.cli", exc_type=ImportError)
    return CliRunner().invoke(cli.app, list(args))


def test_cli_events_jsonl_prints_relation_records_and_the_summary_on_stderr(tmp_path):
    path = write_lines(tmp_path, [gdelt_line(), gdelt_line(event_id="2"), gdelt_line(a="USA", b="RUS", code="057", quad="1", goldstein="8.0")])
    result = run_cli("events", str(path), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["target"], r["sign"], r["origin"], r["cue"]) for r in records] == [
        ("TUR", "SYR", "-", "gdelt", "190"), ("USA", "RUS", "+", "gdelt", "057"),
    ]
    assert "3 rows, 2 used, 1 skipped" in result.stderr


def test_cli_events_table_and_warnings(tmp_path):
    path = write_lines(tmp_path, [gdelt_line(), "bad\trow"])
    result = run_cli("events", str(path), "--event-date", "added")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split() == ["date", "source", "target", "sign", "kind", "intensity", "code", "evidence"]
    assert "TUR" in result.stdout.splitlines()[2]
    assert "Warning:" in result.stderr and "(line 2)" in result.stderr
    assert "DATEADDED" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope.CSV"], "nope.CSV: no such file"),
        (["{gdelt}", "--format", "xml"], "--format 'xml' must be table or jsonl"),
        (["{gdelt}", "--kind", "icews"], "not ICEWS coded events; drop --kind or use --kind gdelt2"),
        (["{gdelt}", "--event-date", "published"], "date field 'published' is not one of event, added"),
    ],
)
def test_cli_events_bad_input_is_one_error_line(tmp_path, args, message):
    path = write_lines(tmp_path, [gdelt_line()])
    result = run_cli("events", *[a.replace("{gdelt}", str(path)) for a in args])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output
