"""The signed manifest of a dossier, and checking a dossier with no vault
(``casebook verify DOSSIER.zip``, docs/dossiers.md).

``manifest.txt`` is UTF-8 text::

    casebook-dossier-manifest/v1
    <sha256>  <size>  <path>          one line per other file, sorted by path
    ...
    signer-public-key: <64 hex>
    signer-fingerprint: <8 groups of 4 hex>
    audit-checkpoint: seq=<n> head=<64 hex> at=<time>
    signature: <128 hex>

The Ed25519 signature covers every byte before the ``signature:`` line.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from casebook.crypto import signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.errors import DamagedDataError, UsageError

MANIFEST = "manifest.txt"
HEADER = "casebook-dossier-manifest/v1"
_LINE = re.compile(r"^([0-9a-f]{64})  (\d+)  (.+)$")
MAX_FILES = 100_000
MAX_MANIFEST = 16 * 1024 * 1024


class DossierTamperedError(DamagedDataError):
    """A dossier does not match its signed manifest."""


def manifest_body(files: dict[str, bytes] | dict[str, tuple[str, int]], *, public_key: bytes,
                  checkpoint: str) -> bytes:
    """The signed part of the manifest. ``files``: path -> content, or path ->
    (sha256, size)."""
    lines = [HEADER]
    for path in sorted(files):
        value = files[path]
        if isinstance(value, bytes):
            digest, size = hashlib.sha256(value).hexdigest(), len(value)
        else:
            digest, size = value
        lines.append(f"{digest}  {size}  {path}")
    lines.append(f"signer-public-key: {public_key.hex()}")
    lines.append(f"signer-fingerprint: {signing.fingerprint(public_key)}")
    lines.append(f"audit-checkpoint: {checkpoint}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def signed_manifest(body: bytes, signature: bytes) -> bytes:
    return body + f"signature: {signature.hex()}\n".encode()


@dataclass(frozen=True)
class VerifiedDossier:
    files: int
    fingerprint: str
    public_key: str
    checkpoint: str


def safe_path(name: str) -> bool:
    """A path a dossier may contain: relative, forward slashes, no ``..``."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or ":" in name:
        return False
    parts = PurePosixPath(name).parts
    return all(part not in ("..", ".", "") for part in parts)


def verify_dossier(path: Path, *, expected_signer: str | None = None) -> VerifiedDossier:
    """Check every hash, that no file is missing or extra, every path, and the
    signature; raise DossierTamperedError naming what failed."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UsageError(f"There is no file {path}.") from None
    except (zipfile.BadZipFile, OSError):
        raise DossierTamperedError(f"{path.name} is not a readable zip file: it is damaged "
                                   "or not a dossier.") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_FILES:
            raise DossierTamperedError(f"{path.name} holds {len(infos)} entries; too many.")
        names = [i.filename for i in infos if not i.is_dir()]
        for name in names:
            if not safe_path(name):
                raise DossierTamperedError(f"{path.name} contains the unsafe path \"{name}\" "
                                           "(absolute, or with '..'): refused.")
        if len(set(names)) != len(names):
            raise DossierTamperedError(f"{path.name} contains the same path twice.")
        if MANIFEST not in names:
            raise DossierTamperedError(f"{path.name} has no {MANIFEST}; it is not a signed "
                                       "Casebook dossier.")
        manifest_info = archive.getinfo(MANIFEST)
        if manifest_info.file_size > MAX_MANIFEST:
            raise DossierTamperedError(f"{MANIFEST} is too large.")
        manifest = archive.read(MANIFEST)
        listed, public_key, checkpoint = _parse(manifest)
        others = set(names) - {MANIFEST}
        missing = sorted(set(listed) - others)
        extra = sorted(others - set(listed))
        if missing:
            raise DossierTamperedError(f"{missing[0]} is listed in the manifest but missing "
                                       "from the dossier.")
        if extra:
            raise DossierTamperedError(f"{extra[0]} is in the dossier but not in the signed "
                                       "manifest (added or renamed).")
        for name in sorted(listed):
            digest, size = listed[name]
            info = archive.getinfo(name)
            if info.file_size != size:
                raise DossierTamperedError(f"{name} has been changed: its size differs from "
                                           "the manifest.")
            hasher = hashlib.sha256()
            try:
                with archive.open(info) as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        hasher.update(chunk)
            except (zipfile.BadZipFile, OSError, EOFError):
                raise DossierTamperedError(f"{name} cannot be read from the zip: it is "
                                           "damaged.") from None
            if hasher.hexdigest() != digest:
                raise DossierTamperedError(f"{name} has been changed: its SHA-256 differs "
                                           "from the manifest.")
    fingerprint = signing.fingerprint(public_key)
    if expected_signer is not None and _norm(expected_signer) != _norm(fingerprint):
        raise DossierTamperedError(f"The dossier is signed by {fingerprint}, not by the "
                                   f"expected {expected_signer}.")
    return VerifiedDossier(len(listed), fingerprint, public_key.hex(), checkpoint)


def _norm(fingerprint: str) -> str:
    return fingerprint.replace(" ", "").upper()


def _parse(manifest: bytes) -> tuple[dict[str, tuple[str, int]], bytes, str]:
    try:
        text = manifest.decode("utf-8")
    except UnicodeDecodeError:
        raise DossierTamperedError(f"{MANIFEST} is not UTF-8 text.") from None
    marker = text.rfind("\nsignature: ")
    if marker < 0 or not text.startswith(HEADER + "\n"):
        raise DossierTamperedError(f"{MANIFEST} is not a Casebook manifest (no header or "
                                   "no signature).")
    body = text[:marker + 1]
    signature_hex = text[marker + len("\nsignature: "):].strip()
    lines = body.rstrip("\n").split("\n")[1:]
    listed: dict[str, tuple[str, int]] = {}
    public_key_hex = checkpoint = ""
    for line in lines:
        if line.startswith("signer-public-key: "):
            public_key_hex = line.split(": ", 1)[1]
        elif line.startswith("signer-fingerprint: "):
            continue
        elif line.startswith("audit-checkpoint: "):
            checkpoint = line.split(": ", 1)[1]
        else:
            match = _LINE.match(line)
            if match is None:
                raise DossierTamperedError(f"{MANIFEST} has a line it cannot read: "
                                           f"\"{line[:80]}\".")
            name = match.group(3)
            if not safe_path(name) or name == MANIFEST or name in listed:
                raise DossierTamperedError(f"{MANIFEST} lists an unsafe or repeated path "
                                           f"\"{name}\".")
            listed[name] = (match.group(1), int(match.group(2)))
    try:
        public_key = bytes.fromhex(public_key_hex)
        signing.verify(public_key, bytes.fromhex(signature_hex), body.encode("utf-8"))
    except (ValueError, AuthenticationFailed):
        raise DossierTamperedError(f"The signature in {MANIFEST} does not verify: the "
                                   "manifest was altered or signed by another key.") from None
    return listed, public_key, checkpoint
