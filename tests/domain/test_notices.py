"""Core notices: plain strings for the CLI, with a code and parameters for the GUI."""

from __future__ import annotations

import copy
import json
import pickle
from dataclasses import asdict, dataclass

from casebook.domain.notices import TEST_ONLY_KDF, Notice


@dataclass
class _Holder:
    warnings: tuple[str, ...]


def test_notice_is_a_string_that_copies_and_serialises() -> None:
    notice = Notice("Slots use test-only parameters: A.", TEST_ONLY_KDF, users="A")
    assert notice == "Slots use test-only parameters: A."
    for clone in (copy.copy(notice), copy.deepcopy(notice), pickle.loads(pickle.dumps(notice))):
        assert isinstance(clone, Notice)
        assert (clone, clone.code, clone.params) == (notice, TEST_ONLY_KDF, {"users": "A"})
    assert json.loads(json.dumps(asdict(_Holder((notice,))))) == {"warnings": [notice]}
