"""Passphrase rules: normalisation and a strength estimate."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from zxcvbn import zxcvbn

from casebook.domain.errors import ValidationError

MAX_PASSPHRASE_LENGTH = 1024
# zxcvbn is slow on very long input and gains nothing there; score a prefix.
_SCORED_PREFIX = 100
# Below this many guesses (10^12) a passphrase is called weak: an attacker with a
# copy of vault.key and a GPU farm gets through it despite Argon2id.
WEAK_GUESSES_LOG10 = 12.0


@dataclass(frozen=True, slots=True)
class Strength:
    guesses_log10: float
    score: int  # 0 (very weak) .. 4 (strong), zxcvbn's scale
    warning: str
    suggestions: tuple[str, ...]

    @property
    def is_weak(self) -> bool:
        return self.guesses_log10 < WEAK_GUESSES_LOG10

    def describe(self) -> str:
        text = (
            f"estimated strength {self.score}/4 "
            f"(about 10^{math.floor(self.guesses_log10)} guesses)"
        )
        if self.warning:
            text += f"; {self.warning}"
        return text


def normalise_passphrase(passphrase: str) -> bytes:
    """The bytes a passphrase is derived from: NFC form, UTF-8.

    NFC makes the same Arabic passphrase typed on two keyboards (composed or
    decomposed hamza forms) give the same key.
    """
    if not passphrase:
        raise ValidationError("The passphrase cannot be empty.", field="passphrase")
    if len(passphrase) > MAX_PASSPHRASE_LENGTH:
        raise ValidationError(
            f"A passphrase can have at most {MAX_PASSPHRASE_LENGTH} characters.",
            field="passphrase",
        )
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def estimate_strength(passphrase: str, user_inputs: tuple[str, ...] = ()) -> Strength:
    """Estimate how many guesses a passphrase would take (zxcvbn)."""
    sample = unicodedata.normalize("NFC", passphrase)[:_SCORED_PREFIX]
    if not sample:
        return Strength(0.0, 0, "The passphrase is empty.", ())
    result = zxcvbn(sample, user_inputs=list(user_inputs))
    feedback = result.get("feedback", {})
    return Strength(
        guesses_log10=float(result["guesses_log10"]),
        score=int(result["score"]),
        warning=str(feedback.get("warning") or ""),
        suggestions=tuple(str(s) for s in feedback.get("suggestions") or ()),
    )
