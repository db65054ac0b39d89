"""The age identity derived from a signing seed, and encryption to it."""

from __future__ import annotations

import os

import pyrage
import pytest

from casebook.crypto import age
from casebook.crypto.errors import AuthenticationFailed


def test_derived_identity_matches_its_recipient() -> None:
    seed = os.urandom(32)
    recipient = age.recipient_for_seed(seed)
    assert recipient.startswith("age1")
    assert str(age._identity_for_seed(seed).to_public()) == recipient
    assert age.recipient_for_seed(seed) == recipient  # stable: derived, not stored
    age.check_recipient(recipient)
    with pytest.raises(ValueError, match="recipient"):
        age.check_recipient("age1notavalidkey")


def test_encrypt_to_several_and_refuse_others() -> None:
    alice, bob, eve = (os.urandom(32) for _ in range(3))
    sealed = age.encrypt(b"testimony", [age.recipient_for_seed(alice),
                                        age.recipient_for_seed(bob)])
    assert age.decrypt(sealed, alice) == age.decrypt(sealed, bob) == b"testimony"
    with pytest.raises(age.NotARecipient):
        age.decrypt(sealed, eve)
    with pytest.raises(AuthenticationFailed):
        age.decrypt(sealed[:-4], alice)
    # Interoperable: the standard age tooling (pyrage's own identity type) reads it.
    identity = age._identity_for_seed(alice)
    assert pyrage.decrypt(sealed, [identity]) == b"testimony"
