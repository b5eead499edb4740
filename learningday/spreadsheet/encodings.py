"""The encoding of a CSV file: UTF-8 strictly first, then the legacy encoding whose reading is plausible.

Mojibake is never stored silently. A file is UTF-8 when every byte of it decodes; a file that is
UTF-8 but for some lines is *mixed* (those rows become row errors); any other file is read in the
legacy encoding whose text reads like names and words, and when two encodings read it differently
and as well (a short file often does), the guess is *unsure*: an import then asks the user to choose.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from learningday.errors import InvalidInput

#: legacy encodings worth guessing, the likelier first (a tie between two that read alike goes to the first)
CANDIDATES = (
    "cp1252", "cp1250", "cp1251", "koi8_r", "cp850", "iso8859_2", "iso8859_15", "cp1257", "cp1254", "cp1253",
    "koi8_u", "cp866", "iso8859_5", "cp437", "cp852", "cp1255", "cp1256",
    "shift_jis", "cp932", "euc_jp", "gbk", "gb18030", "big5", "cp950", "euc_kr", "cp949", "cp874",
)
#: what the import wizard offers beside the candidates
COMMON = ("utf-8", "cp1252", "cp1250", "cp1251", "koi8_r", "cp850", "iso8859_2", "iso8859_15", "shift_jis",
          "gbk", "gb18030", "big5", "euc_kr")
CHUNK = 1 << 20
#: distinct words with non-ASCII bytes that are read to rank the encodings (names repeat: enough)
MAX_WORDS = 600
MAX_LISTED = 20
#: the best reading must beat every different reading by this much to be sure (one implausible word ≈ 2-3)
MARGIN = 1.5
#: ... and itself average no worse than this per word
FLOOR = -1.0
#: bytes that never sit inside a multi-byte character of the candidates (their trail bytes are >= 0x40,
#: GB18030's four-byte ones hold digits): splitting on them keeps every character whole
_SPLIT = re.compile(rb"[\x00-\x2f\x3a-\x3f]+")
_UNDECODED = re.compile("[\udc80-\udcff]")

#: letters only one small language uses (Baltic, Icelandic, Slovak, rare Greek): where a reading has them
#: and another has common letters, the other is likelier
_RARE = frozenset("ėįųūāēģīķļņðþĺľŕΐΰ")
#: final forms (Greek sigma, Hebrew letters) that cannot stand inside a word
_FINAL = frozenset("ςךםןףץ")
#: signs that sit inside names and words: apostrophes, hyphens, the middle dots of Catalan and Japanese
_IN_WORDS = frozenset("\u2019\u2018\u02bc\u2010\u2011\u2013\u00b7\u30fb")
_ALPHABETS = tuple(frozenset(letters) for letters in (
    "àâæçéèêëîïôœùûüÿ", "äöüßé", "áéíñóúü", "áâãàçéêíóôõú", "àèéìíîòóù", "àçèéíïòóúü", "áéíóúàèëïöü",
    "æøåé", "åäöé", "äöåšž", "áðéíóúýþæö", "ąćęłńóśźż", "áčďéěíňóřšťúůýž", "áäčďéíĺľňóôŕšťúýž", "áéíóöőúüű",
    "ăâîșțşţ", "čćđšž", "çğıöşüâî", "ąčęėįšųūž", "āčēģīķļņšūž", "äõöüšž", "âêîôûŵŷáéíóúàèìòùäëïöüÿ",
    "ċġħżàèìòù", "çë",
))


@dataclass(frozen=True)
class EncodingGuess:
    """How a CSV file will be decoded, and how sure that is."""

    encoding: str
    sure: bool = True
    #: the user chose it (never second-guessed)
    chosen: bool = False
    #: encodings that read the file differently and about as well, best first (for the user to choose from)
    candidates: tuple[str, ...] = ()
    #: a UTF-8 file with lines that are not: the first of them (line numbers of the file), and how many
    bad_lines: tuple[int, ...] = ()
    bad_line_count: int = 0
    #: how the best and the next readings look, for the user to compare: (encoding, text)
    readings: tuple[tuple[str, str], ...] = ()

    @property
    def mixed(self) -> bool:
        return self.bad_line_count > 0

    def note(self) -> str:
        """What the user should know about the encoding ('' when there is nothing to say)."""
        if self.mixed:
            lines = ", ".join(map(str, self.bad_lines)) + (" …" if self.bad_line_count > len(self.bad_lines) else "")
            other = f"; if the whole file is {self.candidates[0]}, choose it" if self.candidates else ""
            return (f"the file is UTF-8 but {self.bad_line_count:,} line(s) are not (line {lines}): "
                    f"those rows are not imported{other}")
        if not self.sure:
            shown = "; ".join(f"as {enc}: {text!r}" for enc, text in self.readings)
            return f"not sure of the encoding ({shown}); choose the one it was saved in"
        return ""


def chosen_encoding(name: str) -> EncodingGuess:
    """The encoding the user named (any of Python's names for it)."""
    try:
        info = codecs.lookup(name.strip())
    except LookupError:
        raise InvalidInput(f"unknown encoding {name!r} (for example utf-8, cp1252, shift_jis, gbk)") from None
    if not _is_text_codec(info):
        raise InvalidInput(f"{name!r} is not a text encoding")
    return EncodingGuess(name.strip().lower(), chosen=True)


def _is_text_codec(info: codecs.CodecInfo) -> bool:
    try:
        return isinstance("a".encode(info.name), bytes) and info.name not in ("rot-13",)
    except (LookupError, TypeError):
        return False


def guess_encoding(path: Path, sample: bytes) -> EncodingGuess:
    """The encoding of ``path`` whose first bytes are ``sample``; a binary file is refused."""
    if sample.startswith(codecs.BOM_UTF8):
        return EncodingGuess("utf-8-sig")
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return EncodingGuess("utf-16")
    bare = _utf16_without_bom(sample)
    if bare:
        return EncodingGuess(bare)
    if b"\x00" in sample:
        raise InvalidInput(f"{path.name} is not a text file (it holds binary data); save it as CSV or XLSX")
    if _all_utf8(path):
        return EncodingGuess("utf-8")
    good, good_count, bad, bad_lines, bad_count = _lines(path)
    ranked = _rank(bad)
    if not ranked:
        return _outside_candidates(path, sample)
    legacy = ranked[0][1]
    if good and _utf8_reads_better(good, legacy, good_count >= bad_count):
        return EncodingGuess("utf-8", candidates=(legacy,), bad_lines=bad_lines, bad_line_count=bad_count)
    return _verdict(ranked)


def has_undecoded(text: str) -> bool:
    """``text`` holds bytes its encoding could not read (kept as lone surrogates by surrogateescape)."""
    return _UNDECODED.search(text) is not None


def undecoded_row(cells: list[str], guess: EncodingGuess) -> str:
    """Why a row of a UTF-8 file is refused: some of its bytes are not UTF-8; how they read otherwise."""
    legacy = guess.candidates[0] if guess.candidates else "cp1252"
    raw = " | ".join(c for c in cells if has_undecoded(c)).encode("utf-8", "surrogateescape")
    reading = raw.decode(legacy, "replace")
    return (f"the row is not UTF-8 (the rest of the file is); as {legacy} it reads {reading[:60]!r}: "
            f"save the file as UTF-8, or choose {legacy} if the whole file is {legacy}")


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if len(sample) >= 4 and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _all_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _words(line: bytes) -> list[bytes]:
    return [w for w in _SPLIT.split(line) if not w.isascii()]


def _lines(path: Path) -> tuple[list[bytes], int, list[bytes], tuple[int, ...], int]:
    """Of the lines with non-ASCII bytes: the words of those that are valid UTF-8 and how many they are,
    the words of the others, the first MAX_LISTED of their line numbers and how many they are."""
    good: dict[bytes, None] = {}
    bad: dict[bytes, None] = {}
    listed: list[int] = []
    good_count = bad_count = 0
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
                target = good
                good_count += 1
            except UnicodeDecodeError:
                target = bad
                bad_count += 1
                if len(listed) < MAX_LISTED:
                    listed.append(number)
            if len(target) < MAX_WORDS:
                target.update(dict.fromkeys(_words(line)))
    return list(good), good_count, list(bad), tuple(listed), bad_count


def _readings(words: list[bytes], encoding: str) -> list[str] | None:
    try:
        return [w.decode(encoding) for w in words]
    except UnicodeDecodeError:
        return None


def _rank(words: list[bytes]) -> list[tuple[float, str, tuple[str, ...]]]:
    """(plausibility, encoding, its reading) of every candidate that decodes ``words``, best first;
    candidates that read them alike keep only the likelier."""
    seen: dict[tuple[str, ...], tuple[float, str]] = {}
    for encoding in CANDIDATES:
        texts = _readings(words, encoding)
        if texts is not None and tuple(texts) not in seen:
            seen[tuple(texts)] = (sum(map(plausibility, texts)), encoding)
    order = {enc: i for i, enc in enumerate(CANDIDATES)}
    ranked = sorted(((score, enc, texts) for texts, (score, enc) in seen.items()),
                    key=lambda item: (-item[0], order[item[1]]))
    return ranked


def _outside_candidates(path: Path, sample: bytes) -> EncodingGuess:
    """No usual encoding reads the file: charset-normalizer's guess, never a sure one."""
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InvalidInput(f"{path.name} is not a text file (no text encoding fits it); save it as CSV or XLSX")
    return EncodingGuess(best.encoding, sure=False, readings=((best.encoding, str(best)[:40]),))


def _verdict(ranked: list[tuple[float, str, tuple[str, ...]]]) -> EncodingGuess:
    best_score, best, texts = ranked[0]
    rivals = [(score, enc, t) for score, enc, t in ranked[1:] if best_score - score < MARGIN]
    sure = not rivals and best_score >= FLOOR * max(1, len(texts))
    if sure:
        return EncodingGuess(best)
    shown = [(best, texts), *((enc, t) for _, enc, t in rivals[:4])]
    if not rivals and len(ranked) > 1:
        shown.append((ranked[1][1], ranked[1][2]))
    first_differing = _first_difference([t for _, t in shown])
    return EncodingGuess(best, sure=False, candidates=tuple(enc for enc, _ in shown[1:]),
                         readings=tuple((enc, t[first_differing]) for enc, t in shown))


def _first_difference(readings: list[tuple[str, ...]]) -> int:
    for i, words in enumerate(zip(*readings)):
        if len(set(words)) > 1:
            return i
    return 0


def _utf8_reads_better(words: list[bytes], legacy: str, as_many: bool) -> bool:
    """Lines valid as UTF-8 in a file that is not: UTF-8 text beside a few legacy rows (a mixed file),
    or legacy text that happens to be valid UTF-8? The more plausible reading says."""
    as_legacy = _readings(words, legacy)
    if as_legacy is None:
        return True
    ours = sum(plausibility(w.decode("utf-8")) for w in words)
    theirs = sum(map(plausibility, as_legacy))
    return ours > theirs or (ours == theirs and as_many)


# -- how plausible a word is ---------------------------------------------------------------------
@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    head = name.split(" ", 1)[0]
    if head == "CJK":
        return "HAN"
    if head in ("HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA") or name.startswith("HALFWIDTH KATAKANA"):
        return "KANA"
    return head


@lru_cache(maxsize=8192)
def _common_han(ch: str) -> bool:
    """In GB2312's level 1, Big5's frequent characters or JIS level 1: what names and words use."""
    for encoding, low, high in (("gb2312", 0xB0, 0xD7), ("big5", 0xA4, 0xC6), ("shift_jis", 0x88, 0x98)):
        try:
            if low <= ch.encode(encoding)[0] <= high:
                return True
        except UnicodeEncodeError:
            continue
    return False


@lru_cache(maxsize=8192)
def _common_hangul(ch: str) -> bool:
    """One of KS X 1001's 2,350 syllables (Python's euc_kr spells the others in 8 bytes)."""
    try:
        return len(ch.encode("euc_kr")) == 2
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=16384)
def plausibility(word: str) -> float:
    """0 for a word that reads like a name or a word of some language; less for each sign of mojibake:
    controls, symbols inside letters, scripts mixed, case flipped, accents no one language has, rare
    CJK characters."""
    penalty = 0.0
    letters = [ch for ch in word if ch.isalpha()]
    scripts = {_script(ch) for ch in letters}
    for position, ch in enumerate(word):
        if ord(ch) < 128:
            continue
        category = unicodedata.category(ch)
        if category[0] == "C" or 0x2500 <= ord(ch) <= 0x259F:
            penalty += 5 if category[0] == "C" else 3
        elif ch in _IN_WORDS:
            continue
        elif category[0] in "SPN" and category != "Nd":
            wide = unicodedata.east_asian_width(ch) in "WF"  # CJK punctuation sits beside CJK letters
            penalty += 0.5 if not letters else 1 if wide else 3
        elif category == "Nd" and letters:
            penalty += 2  # a digit of another script among letters
        elif category[0] == "L":
            script = _script(ch)
            if ch.lower() in _RARE:
                penalty += 1
            if ch in _FINAL and position < len(word) - 1 and word[position + 1].isalpha():
                penalty += 2
            if script == "HAN" and not _common_han(ch) or script == "HANGUL" and not _common_hangul(ch):
                penalty += 1.5
            elif ch.isalpha() and unicodedata.east_asian_width(ch) == "H":
                penalty += 1
    if len(scripts - {"KANA", "HAN"}) + bool(scripts & {"KANA", "HAN"}) > 1:
        penalty += 3
    if "HAN" in scripts and "HANGUL" in scripts:
        penalty += 2
    if any(a.islower() and b.isupper() and not (a.isascii() and b.isascii()) for a, b in pairwise(letters)):
        penalty += 2
    accented = {ch for ch in word.lower() if not ch.isascii() and _script(ch) == "LATIN" and ch.isalpha()}
    if accented and not any(accented <= alphabet for alphabet in _ALPHABETS):
        penalty += 2
    return -penalty
