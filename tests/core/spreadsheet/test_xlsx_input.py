"""XLSX input: every damaged or forged part is one LearningDayError, a zip bomb is refused before it inflates."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from learningday.spreadsheet import xlsx
from learningday.spreadsheet.sources import open_source
from tests.helpers.doors import import_roster_file, refused
from tests.helpers.workbooks import DATE_STYLES, MAIN, cell, parts, write_parts

HEADER = ["Name", "Email"]


def _refused(event: Path, book: Path, match: str) -> str:
    return refused(event, lambda: import_roster_file(event, book), match).message


def _people(name: str) -> dict[str, str | bytes]:
    return parts([HEADER, [name, "ann@example.com"]])


@pytest.mark.parametrize(("part", "content", "words"), [
    ("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>Ann</t></si', "shared strings"),
    ("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="x"/></cellXfs></styleSheet>', "styles"),
    ("xl/workbook.xml", "<workbook", "workbook part"),
    ("xl/_rels/workbook.xml.rels", "", "workbook part"),
    # expat's own limit on entity expansion (a billion laughs) is a parse error like any other
    ("xl/sharedStrings.xml", '<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
     + f']><sst xmlns="{MAIN}"><si><t>&i;</t></si></sst>', "shared strings"),
])
def test_a_malformed_part_is_one_error(event: Path, tmp_path: Path, part: str, content: str, words: str) -> None:
    contents = _people("Ann")
    contents[part] = content
    message = _refused(event, write_parts(tmp_path / "bad.xlsx", contents), words)
    assert message.startswith("bad.xlsx is a workbook whose")


def test_a_relationship_to_a_missing_sheet_is_refused(event: Path, tmp_path: Path) -> None:
    contents = _people("Ann")
    contents["xl/worksheets/sheet9.xml"] = contents.pop("xl/worksheets/sheet1.xml")
    assert _refused(event, write_parts(tmp_path / "dangling.xlsx", contents), "xl/worksheets/sheet1.xml is missing")


def test_a_damaged_crc_is_refused(event: Path, tmp_path: Path) -> None:
    book = write_parts(tmp_path / "crc.xlsx", _people("Ann Example"), stored=True)
    data = bytearray(book.read_bytes())
    at = data.index(b"Ann Example")
    data[at] = ord("B")  # the sheet's bytes change, its stored CRC does not
    book.write_bytes(bytes(data))
    assert _refused(event, book, "BadZipFile: Bad CRC-32")


@pytest.mark.parametrize("serial", ["1e10", "2958466", "inf", "-inf", "nan", "-1", "1e400"])
def test_a_date_styled_number_outside_excel_dates_reads_as_the_number(tmp_path: Path, serial: str) -> None:
    contents = parts(body=f'<row r="1">{cell("Name", 1, 0)}</row><row r="2"><c r="A2" s="1"><v>{serial}</v></c>'
                          '<c r="B2" s="1"><v>45000.5</v></c></row>')
    contents["xl/styles.xml"] = DATE_STYLES
    with open_source(write_parts(tmp_path / "dates.xlsx", contents)) as source:
        rows = dict(source.rows())
    assert rows[2][1] == "2023-03-15 12:00"
    assert rows[2][0] == {"1e10": "10000000000", "2958466": "2958466", "-1": "-1"}.get(serial, repr(float(serial)))


@pytest.mark.parametrize(("body", "words"), [
    ('<row r="2"><c r="ZZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>', "outside a worksheet"),
    ('<row r="2"><c r="7" t="inlineStr"><is><t>x</t></is></c></row>', "is not one"),
    ('<row r="2">' + cell("x", 2, xlsx.MAX_COLUMNS) + "</row>", "at most 1,000 columns"),
    ('<row r="0"/>', "outside a worksheet"),
    ('<row r="99999999"/>', "outside a worksheet"),
    ('<row r="5"/><row r="3"/>', "row 3 comes after row 5"),
    ('<row r="2"><c r="A2" t="s"><v>7</v></c></row>', "shared string '7', which does not exist"),
    ('<row r="2"><c r="A2" t="s"><v>-1</v></c></row>', "shared string '-1', which does not exist"),
])
def test_references_outside_a_worksheet_are_refused(event: Path, tmp_path: Path, body: str, words: str) -> None:
    contents = parts(body=f'<row r="1">{cell("Name", 1, 0)}</row>' + body)
    assert _refused(event, write_parts(tmp_path / "refs.xlsx", contents), words)


def test_an_empty_cell_past_the_columns_read_is_ignored(event: Path, tmp_path: Path) -> None:
    body = (f'<row r="1">{cell("Name", 1, 0)}<c r="XFD1" s="0"/></row>'
            f'<row r="2">{cell("Ann", 2, 0)}<c r="XFD2"><v></v></c></row>')
    assert import_roster_file(event, write_parts(tmp_path / "wide.xlsx", parts(body=body))).created == 1


def test_a_zip_bomb_is_refused_before_it_inflates(event: Path, tmp_path: Path) -> None:
    padding = " " * (40 << 20)  # 40 MB of XML whitespace deflates to some 40 kB
    contents = parts(body=f'<row r="1">{cell("Name", 1, 0)}</row>{padding}')
    book = write_parts(tmp_path / "bomb.xlsx", contents)
    assert book.stat().st_size < 200_000
    assert _refused(event, book, r"inflates 1,0\d\d times \(at most 100\): a zip bomb")


@pytest.mark.parametrize(("part", "limit"), [("xl/worksheets/sheet1.xml", "MAX_SHEET_BYTES"),
                                             ("xl/sharedStrings.xml", "MAX_STRINGS_BYTES")])
def test_parts_larger_than_their_limit_are_refused(event: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   part: str, limit: str) -> None:
    contents = _people("Ann")
    contents["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}"><si><t>Ann</t></si></sst>'
    monkeypatch.setattr(xlsx, limit, 40)
    assert _refused(event, write_parts(tmp_path / "large.xlsx", contents), f"the part {part} inflates to")


def test_a_zip_that_is_not_a_workbook_is_refused(event: Path, tmp_path: Path) -> None:
    book = tmp_path / "other.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("readme.txt", "hello")
    assert _refused(event, book, "the part xl/workbook.xml is missing")


def test_rich_text_runs_are_read_without_the_phonetic_guide(tmp_path: Path) -> None:
    contents = parts(body='<row r="1"><c r="A1" t="s"><v>0</v></c></row>')
    contents["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN}"><si><r><t>山田</t></r><r><t> 太郎</t></r>'
                                        "<rPh><t>ヤマダ</t></rPh></si></sst>")
    with open_source(write_parts(tmp_path / "runs.xlsx", contents)) as source:
        assert list(source.rows()) == [(1, ["山田 太郎"])]
