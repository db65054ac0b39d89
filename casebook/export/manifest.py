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
import zlib
from dataclasses import dataclass
from pathlib import Path

from casebook.crypto import signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.errors import DamagedDataError, UsageError

MANIFEST = "manifest.txt"
HEADER = "casebook-dossier-manifest/v1"
_SIGNATURE = re.compile(r"[0-9a-f]{128}\n")
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
    # Split by hand: PurePosixPath would quietly normalise "a//b" and "./x".
    return all(part not in ("..", ".", "") for part in name.split("/"))


#: What reading a damaged or hostile zip member can raise.
_READ_ERRORS = (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError,
                RuntimeError, ValueError)


def verify_dossier(path: Path, *, expected_signer: str | None = None) -> VerifiedDossier:
    """Check every hash, that no file is missing or extra, every path, and the
    signature; raise DossierTamperedError naming what failed."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise UsageError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder, not a dossier zip.") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise DossierTamperedError(f"{path.name} is not a readable zip file: it is damaged "
                                   "or not a dossier.") from None
    with archive:
        names = _entry_names(archive, path.name)
        if MANIFEST not in names:
            raise DossierTamperedError(f"{path.name} has no {MANIFEST}; it is not a signed "
                                       "Casebook dossier.")
        if archive.getinfo(MANIFEST).file_size > MAX_MANIFEST:
            raise DossierTamperedError(f"{MANIFEST} is too large.")
        manifest = _read(archive, MANIFEST)
        listed, public_key, checkpoint = _parse(manifest)
        _same_files(listed, set(names) - {MANIFEST})
        for name in sorted(listed):
            _check_file(archive, name, *listed[name])
    fingerprint = signing.fingerprint(public_key)
    if expected_signer is not None and _norm(expected_signer) != _norm(fingerprint):
        raise DossierTamperedError(f"The dossier is signed by {fingerprint}, not by the "
                                   f"expected {expected_signer}.")
    return VerifiedDossier(len(listed), fingerprint, public_key.hex(), checkpoint)


def _entry_names(archive: zipfile.ZipFile, zip_name: str) -> list[str]:
    """Every entry's name, each checked: safe, not a folder, not twice."""
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise DossierTamperedError(f"{zip_name} holds {len(infos)} entries; too many.")
    names = [i.filename for i in infos]
    for info in infos:
        if not safe_path(info.filename.rstrip("/") if info.is_dir() else info.filename):
            raise DossierTamperedError(f"{zip_name} contains the unsafe path "
                                       f"\"{info.filename}\" (absolute, or with '..'): "
                                       "refused.")
        if info.is_dir():
            raise DossierTamperedError(f"{info.filename} is in the dossier but not in the "
                                       "signed manifest (a folder entry was added).")
    if len(set(names)) != len(names):
        raise DossierTamperedError(f"{zip_name} contains the same path twice.")
    return names


def _same_files(listed: dict[str, tuple[str, int]], present: set[str]) -> None:
    missing = sorted(set(listed) - present)
    extra = sorted(present - set(listed))
    if missing:
        raise DossierTamperedError(f"{missing[0]} is listed in the manifest but missing "
                                   "from the dossier (removed or renamed).")
    if extra:
        raise DossierTamperedError(f"{extra[0]} is in the dossier but not in the signed "
                                   "manifest (added or renamed).")


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except _READ_ERRORS:
        raise DossierTamperedError(f"{name} cannot be read from the zip: it is "
                                   "damaged.") from None


def _check_file(archive: zipfile.ZipFile, name: str, digest: str, size: int) -> None:
    info = archive.getinfo(name)
    if info.file_size != size:
        raise DossierTamperedError(f"{name} has been changed: its size differs from the "
                                   "manifest.")
    hasher = hashlib.sha256()
    try:
        with archive.open(info) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(chunk)
    except _READ_ERRORS:
        raise DossierTamperedError(f"{name} cannot be read from the zip: it is "
                                   "damaged.") from None
    if hasher.hexdigest() != digest:
        raise DossierTamperedError(f"{name} has been changed: its SHA-256 differs from the "
                                   "manifest.")


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
    signature_hex = text[marker + len("\nsignature: "):]
    if not _SIGNATURE.fullmatch(signature_hex):
        # Strict to the byte: the unsigned last line has exactly one form.
        raise DossierTamperedError(f"The signature line of {MANIFEST} is damaged: the "
                                   "signature does not verify.")
    signature_hex = signature_hex[:-1]
    lines = body.rstrip("\n").split("\n")[1:]
    listed: dict[str, tuple[str, int]] = {}
    public_key_hex = checkpoint = stated_fingerprint = ""
    for line in lines:
        if line.startswith("signer-public-key: "):
            public_key_hex = line.split(": ", 1)[1]
        elif line.startswith("signer-fingerprint: "):
            stated_fingerprint = line.split(": ", 1)[1]
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
    if _norm(stated_fingerprint) != _norm(signing.fingerprint(public_key)):
        raise DossierTamperedError(f"{MANIFEST} states a signer fingerprint that is not the "
                                   "one of its public key.")
    return listed, public_key, checkpoint
