"""How hard a new passphrase would be to guess, in words, for the hint under the passphrase field.

A rough estimate, on purpose: bits = length x log2(size of the alphabet used), with repeats and runs
("aaaa", "1234", "abcd") counted once, and a passphrase of several words credited as words. It only has
to tell "too short / weak / fair / strong" apart so that the user picks a long one; the database key itself
is derived with a slow key-derivation function (storage/keys.py).
"""

from __future__ import annotations

import math
import string

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from alyesdesk.storage.keys import MIN_PASSPHRASE_LENGTH

TOO_SHORT, WEAK, FAIR, STRONG = "too_short", "weak", "fair", "strong"
WEAK_BELOW_BITS, STRONG_FROM_BITS = 45, 75
COLOURS = {TOO_SHORT: "#c0392b", WEAK: "#c0392b", FAIR: "#b9770e", STRONG: "#1e8449"}
TEXTS = {
    TOO_SHORT: QT_TRANSLATE_NOOP("PassphraseStrength", "Too short: at least {count} characters."),
    WEAK: QT_TRANSLATE_NOOP("PassphraseStrength", "Weak: easy to guess. Use a longer one, for example four unrelated words."),
    FAIR: QT_TRANSLATE_NOOP("PassphraseStrength", "Fair: a few more words or characters would make it strong."),
    STRONG: QT_TRANSLATE_NOOP("PassphraseStrength", "Strong."),
}


def _alphabet(text: str) -> int:
    size = 0
    for chars, count in ((string.ascii_lowercase, 26), (string.ascii_uppercase, 26), (string.digits, 10)):
        if any(c in chars for c in text):
            size += count
    if any(not c.isascii() or (c in string.punctuation or c == " ") for c in text):
        size += 33
    return max(size, 1)


def _effective_length(text: str) -> int:
    """Characters that add surprise: a repeat or a +-1 step of the previous character counts for nothing."""
    length = 0
    for i, c in enumerate(text):
        if i and (c == text[i - 1] or abs(ord(c) - ord(text[i - 1])) == 1):
            continue
        length += 1
    return length


def estimate_bits(text: str) -> float:
    """A rough guessing cost in bits (see the module doc)."""
    if not text:
        return 0.0
    bits = _effective_length(text) * math.log2(_alphabet(text))
    words = [w for w in text.split() if len(w) >= 3]
    if len(words) >= 3:  # a word passphrase: each word drawn from a large vocabulary (~11 bits at least)
        bits = max(bits, 11.0 * len(words))
    return bits


def strength(text: str) -> str:
    """TOO_SHORT, WEAK, FAIR or STRONG."""
    if len(text) < MIN_PASSPHRASE_LENGTH:
        return TOO_SHORT
    bits = estimate_bits(text)
    if bits < WEAK_BELOW_BITS:
        return WEAK
    return STRONG if bits >= STRONG_FROM_BITS else FAIR


def strength_text(level: str) -> str:
    """The hint for `level`, in the interface's language."""
    return QCoreApplication.translate("PassphraseStrength", TEXTS[level]).format(count=MIN_PASSPHRASE_LENGTH)
