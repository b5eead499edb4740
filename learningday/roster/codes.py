"""Short, unique, human-typeable check-in codes (what a badge's QR code carries)."""

from __future__ import annotations

import random
import re

#: no 0/O, 1/I/L or U: nothing a tired facilitator can misread
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 6
_NOT_CODE = re.compile(r"[^0-9A-Z]")


def new_code(rng: random.Random, taken: set[str]) -> str:
    """A code not in ``taken`` (which it joins)."""
    while True:
        code = "".join(rng.choice(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            taken.add(code)
            return code


def normalise_code(text: str) -> str:
    """What a person typed or a scanner sent, as stored: 'k7m-4qx ' -> 'K7M4QX'."""
    return _NOT_CODE.sub("", text.upper())


def looks_like_code(text: str) -> bool:
    code = normalise_code(text)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)
