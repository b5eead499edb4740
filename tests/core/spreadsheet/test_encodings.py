"""Encodings: UTF-8 strictly first, mixed files name their bad rows, an unsure guess is the user's to choose."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from learningday.errors import InvalidInput
from learningday.roster.importing import attendee_spec
from learningday.setup.reference import Reference
from learningday.spreadsheet.engine import EncodingUnsure, ImportRefused, preview
from learningday.store.db import open_event
from learningday.store.models import Attendee
from tests.helpers.doors import import_roster_file, refused

JAPANESE = ["佐藤 健", "鈴木 花子", "高橋 一郎", "田中 美咲", "伊藤 翔太", "渡辺 さくら", "山本 大輔", "中村 愛", "小林 直樹",
            "加藤 由美"]
SIMPLIFIED = ["王芳", "李娜", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷"]
TRADITIONAL = ["陳大文", "林志明", "黃美玲", "張家豪", "李淑芬", "王建國", "吳雅婷", "劉俊傑", "蔡佩君", "鄭宇翔"]
RUSSIAN = ["Анна Смирнова", "Иван Петров", "Ольга Кузнецова", "Дмитрий Соколов", "Елена Попова"]
NORDIC = ["Zoë Ångström", "François Dupré", "José Núñez", "Åsa Öberg", "Jürgen Weiß"]

#: the files issue 12 found misread: (encoding, names, rows)
MISREAD = [
    ("iso8859_2", ["Łukasz Żółć", "Agnieszka Wójcik", "Paweł Kołodziej"], 10),
    ("shift_jis", JAPANESE, 10),
    ("gbk", SIMPLIFIED, 10),
    ("gb18030", [*SIMPLIFIED[:9], "王䶮"], 10),  # a character GBK lacks
    ("big5", TRADITIONAL, 10),
    ("koi8_r", RUSSIAN, 100),
    ("cp850", NORDIC, 100),
]


def _names(event: Path) -> list[str]:
    with open_event(event) as event_file, event_file.read() as session:
        return list(session.scalars(select(Attendee.name).order_by(Attendee.id)))


def _roster(path: Path, names: list[str], rows: int, encoding: str) -> tuple[Path, list[str]]:
    people = [f"{names[i % len(names)]} {i}" for i in range(rows)]
    text = "Name,Email\n" + "".join(f"{name},p{i}@example.com\n" for i, name in enumerate(people))
    path.write_bytes(text.encode(encoding))
    return path, people


@pytest.mark.parametrize(("encoding", "names", "rows"), MISREAD, ids=[m[0] for m in MISREAD])
def test_files_issue_12_found_misread_are_read_right_or_left_to_the_user(event: Path, tmp_path: Path,
                                                                         encoding: str, names: list[str],
                                                                         rows: int) -> None:
    roster, people = _roster(tmp_path / f"{encoding}.csv", names, rows, encoding)
    try:
        result = import_roster_file(event, roster)
    except EncodingUnsure as exc:  # allowed: said so, nothing stored, the right encoding offered
        assert encoding in (exc.guess.encoding, *exc.guess.candidates) and _names(event) == []
        result = import_roster_file(event, roster, encoding=encoding)
    assert _names(event) == people, f"read as {result.encoding}"


def test_a_utf8_file_with_a_cp1252_row_names_the_row_and_stores_no_mojibake(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "mixed.csv"
    roster.write_bytes("Name,Email\nZoë Ångström,zoe@example.com\nJosé Núñez,jose@example.com\n".encode()
                       + "François Dupré,francois@example.com\n".encode("cp1252")
                       + "Åsa Öberg,asa@example.com\n".encode())
    exc = refused(event, lambda: import_roster_file(event, roster))
    assert isinstance(exc, ImportRefused) and [i.row for i in exc.issues] == [4]
    assert "not UTF-8" in exc.issues[0].message and "'François Dupré'" in exc.issues[0].message
    result = import_roster_file(event, roster, valid_only=True)
    assert (result.created, result.skipped) == (3, 1)
    assert _names(event) == ["Zoë Ångström", "José Núñez", "Åsa Öberg"]


def test_the_preview_of_a_mixed_file_says_which_lines(event: Path, tmp_path: Path) -> None:
    roster = tmp_path / "mixed.csv"
    roster.write_bytes("Name,Email\nZoë,z@example.com\n".encode() + "Dupré,d@example.com\n".encode("cp1252"))
    shown = _preview(event, roster)
    assert "1 line(s) are not (line 3)" in shown.encoding_note and shown.encoding_sure
    assert shown.rows[1][1][0] == "Dupr\ufffd"  # the bad byte shows as a replacement character, never as text


def _preview(event: Path, roster: Path, **kw):  # noqa: ANN202 - a Preview
    with open_event(event) as event_file, event_file.read() as session:
        spec = attendee_spec(Reference.load(session))
    return preview(roster, spec, **kw)


def test_an_unsure_guess_is_said_and_the_user_chooses(event: Path, tmp_path: Path) -> None:
    roster, people = _roster(tmp_path / "korean.csv", ["김철수", "이영희"], 2, "euc_kr")
    exc = refused(event, lambda: import_roster_file(event, roster), "not sure of the encoding")
    assert isinstance(exc, EncodingUnsure) and "euc_kr" in (exc.guess.encoding, *exc.guess.candidates)
    assert "as euc_kr: '김철수'" in exc.message  # each reading shown, for the user to compare
    shown = _preview(event, roster)
    assert not shown.encoding_sure and "not sure" in shown.encoding_note and "euc_kr" in shown.encodings
    assert _preview(event, roster, encoding="euc_kr").rows[0][1][0] == people[0]
    assert import_roster_file(event, roster, encoding="euc_kr").created == 2 and _names(event) == people


def test_a_chosen_encoding_is_read_strictly(event: Path, tmp_path: Path) -> None:
    roster, _ = _roster(tmp_path / "sjis.csv", JAPANESE, 3, "shift_jis")
    with pytest.raises(InvalidInput, match="bytes that are not ascii"):
        import_roster_file(event, roster, encoding="ascii")
    with pytest.raises(InvalidInput, match="unknown encoding 'klingon'"):
        import_roster_file(event, roster, encoding="klingon")
    assert _names(event) == []


def test_utf8_files_are_sure_whatever_their_script(event: Path, tmp_path: Path) -> None:
    roster, people = _roster(tmp_path / "utf8.csv", [*JAPANESE[:2], *RUSSIAN[:2], *NORDIC[:2], "אבי כהן"], 7, "utf-8")
    assert import_roster_file(event, roster).encoding == "utf-8" and _names(event) == people
