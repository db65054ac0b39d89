"""Argon2id key-encryption keys from passphrases (RFC 9106)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from casebook.crypto.errors import ParametersOutOfBounds

KEY_LENGTH = 32
SALT_LENGTH = 16

# Refused before any work, so a crafted vault.key cannot make unlock eat the
# machine's memory or hang it (DESIGN.md section 4).
MAX_MEMORY_KIB = 4 * 1024 * 1024  # 4 GiB
MAX_ITERATIONS = 20
MAX_LANES = 64
# Argon2 itself needs 8 KiB per lane; anything smaller is not a real parameter set.
MIN_MEMORY_KIB_PER_LANE = 8
# Floor for any key slot created outside the test suite.
MIN_PRODUCTION_MEMORY_KIB = 64 * 1024


@dataclass(frozen=True, slots=True)
class Argon2Params:
    memory_kib: int
    iterations: int
    lanes: int

    def check_bounds(self) -> None:
        """Refuse absurd parameters (from a damaged or crafted file) before any work."""
        if not 1 <= self.lanes <= MAX_LANES:
            raise ParametersOutOfBounds(f"Argon2 lanes {self.lanes} outside 1..{MAX_LANES}")
        if not 1 <= self.iterations <= MAX_ITERATIONS:
            raise ParametersOutOfBounds(
                f"Argon2 passes {self.iterations} outside 1..{MAX_ITERATIONS}"
            )
        low = MIN_MEMORY_KIB_PER_LANE * self.lanes
        if not low <= self.memory_kib <= MAX_MEMORY_KIB:
            raise ParametersOutOfBounds(
                f"Argon2 memory {self.memory_kib} KiB outside {low}..{MAX_MEMORY_KIB} KiB"
            )

    def check_production_floor(self) -> None:
        if self.memory_kib < MIN_PRODUCTION_MEMORY_KIB:
            raise ParametersOutOfBounds(
                f"Argon2 memory {self.memory_kib} KiB is below the "
                f"{MIN_PRODUCTION_MEMORY_KIB} KiB floor for real vaults"
            )

    def to_json(self) -> dict[str, int]:
        return {"memory_kib": self.memory_kib, "iterations": self.iterations, "lanes": self.lanes}

    @classmethod
    def from_json(cls, data: Any) -> Argon2Params:
        if not isinstance(data, dict):
            raise ParametersOutOfBounds("KDF parameters are not an object")
        values = [data.get(k) for k in ("memory_kib", "iterations", "lanes")]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            raise ParametersOutOfBounds("KDF parameters are not whole numbers")
        params = cls(*values)  # type: ignore[arg-type]
        params.check_bounds()
        return params


#: The real parameter set (DESIGN.md section 4): 256 MiB, 3 passes, 4 lanes.
DEFAULT_PARAMS = Argon2Params(memory_kib=256 * 1024, iterations=3, lanes=4)

#: Cheap parameters for the test suite only. Never the default of any code path:
#: tests pass it explicitly, and vault creation refuses it unless told it is a test.
TEST_ONLY_PARAMS = Argon2Params(memory_kib=64, iterations=1, lanes=1)


def derive_kek(
    passphrase: bytes,
    salt: bytes,
    params: Argon2Params,
    *,
    secret: bytes | None = None,
    associated_data: bytes | None = None,
) -> bytes:
    """Derive a 256-bit key-encryption key with Argon2id."""
    params.check_bounds()
    if len(salt) < 8:
        raise ParametersOutOfBounds("Argon2 salt shorter than 8 bytes")
    kdf = Argon2id(
        salt=salt,
        length=KEY_LENGTH,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
        ad=associated_data,
        secret=secret,
    )
    return kdf.derive(passphrase)
