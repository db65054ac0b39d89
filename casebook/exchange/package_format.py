"""The case package file (``casebook-package/v1``, docs/packages.md).

On disk a package is an age file (encrypted to every recipient's X25519 key). Its
plaintext, which only ever exists in memory, is a zip holding

* ``package.json``: the sender, the recipients, the sender's audit entries and
  checkpoints, the records (every version), reviews, comments and evidence-file rows;
* ``files/<attachment id>``: each evidence file's original bytes;
* ``signature.json``: the sender's Ed25519 signature over the SHA-256 of
  ``package.json``, which itself lists each file's SHA-256 and size.

Parsing checks everything that can be checked without the vault: the zip's names,
sizes and hashes, and the signature. Every failure raises PackageRefusedError.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from casebook.crypto import age, signing
from casebook.crypto.errors import AuthenticationFailed
from casebook.domain.canonical import canonical_json
from casebook.domain.errors import DamagedDataError, PackageNotForYouError, PackageRefusedError
from casebook.domain.file_format import check_format

FORMAT = "casebook-package/v1"
BODY = "package.json"
SIGNATURE = "signature.json"
FILES = "files/"
#: Refuse absurd members before reading them (a decompression bomb, say).
MAX_BODY_BYTES = 1024 * 1024 * 1024


@dataclass(frozen=True)
class OpenedPackage:
    body: dict[str, Any]
    files: dict[str, bytes]  # attachment id -> original bytes
    signer_key: bytes


def signature_message(body_bytes: bytes) -> bytes:
    return canonical_json({"format": FORMAT, "package_sha256":
                           hashlib.sha256(body_bytes).hexdigest()})


def build(body: dict[str, Any], files: dict[str, bytes], signing_seed: bytes,
          recipients: list[str]) -> bytes:
    """The encrypted package: ``body`` must already list the files' hashes."""
    body_bytes = canonical_json({"format": FORMAT, **body})
    signature = {"signer": signing.public_key_from_seed(signing_seed).hex(),
                 "signature": signing.sign(signing_seed, signature_message(body_bytes)).hex()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(BODY, body_bytes, compress_type=zipfile.ZIP_DEFLATED)
        for attachment_id, data in sorted(files.items()):
            # Evidence (photos, video) is compressed already; deflating it costs time.
            archive.writestr(FILES + attachment_id, data, compress_type=zipfile.ZIP_STORED)
        archive.writestr(SIGNATURE, canonical_json(signature))
    return age.encrypt(buffer.getvalue(), recipients)


def _refused(source: str, why: str) -> PackageRefusedError:
    return PackageRefusedError(f"{source} was refused: {why}. Nothing was imported.")


def open_package(ciphertext: bytes, signing_seed: bytes, *, source: str) -> OpenedPackage:
    """Decrypt with this user's identity, then check the zip and the signature.

    The sender's key is returned, not trusted: the caller must find it among the
    verified contacts.
    """
    if not ciphertext.startswith(b"age-encryption.org/v1\n"):
        raise _refused(source, "it is not a Casebook case package (not an age file)")
    try:
        plaintext = age.decrypt(ciphertext, signing_seed)
    except age.NotARecipient:
        raise PackageNotForYouError(
            f"{source} was not made for you: it is encrypted to other people. Ask the "
            "sender to make a package for you (they need your contact card). Nothing was "
            "imported.") from None
    except AuthenticationFailed:
        raise _refused(source, "it is truncated or was altered on the way (its encryption "
                               "does not authenticate). Ask the sender for it again") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(plaintext))
        names = archive.namelist()
        if BODY not in names or SIGNATURE not in names:
            raise _refused(source, "its contents are incomplete")
        for info in archive.infolist():
            if info.file_size > MAX_BODY_BYTES:
                raise _refused(source, f"{info.filename} is too large")
        body_bytes = archive.read(BODY)
        signature_doc = json.loads(archive.read(SIGNATURE))
        signer_key = bytes.fromhex(signature_doc["signer"])
        signing.verify(signer_key, bytes.fromhex(signature_doc["signature"]),
                       signature_message(body_bytes))
        body = json.loads(body_bytes)
        if not isinstance(body, dict):
            raise _refused(source, "its contents are not a package")
        try:
            check_format(body, FORMAT, source=source, what="a Casebook case package")
        except DamagedDataError:
            raise _refused(source, "it is not a Casebook case package") from None
        files = _files(archive, names, body, source)
    except AuthenticationFailed:
        raise _refused(source, "its signature does not verify: it was altered after the "
                               "sender signed it") from None
    except (zipfile.BadZipFile, KeyError, TypeError, ValueError, EOFError):
        raise _refused(source, "its contents are damaged") from None
    if signing.public_key_from_seed(signing_seed) == signer_key:
        raise _refused(source, "you made this package yourself")
    return OpenedPackage(body, files, signer_key)


def _files(archive: zipfile.ZipFile, names: list[str], body: dict[str, Any],
           source: str) -> dict[str, bytes]:
    listed = {str(a["id"]): a for a in body.get("attachments", [])}
    present = {n[len(FILES):] for n in names if n.startswith(FILES)}
    extra = set(names) - {BODY, SIGNATURE} - {FILES + n for n in present}
    if extra or present != set(listed):
        raise _refused(source, "its evidence files do not match its list of files")
    files: dict[str, bytes] = {}
    for attachment_id, row in listed.items():
        data = archive.read(FILES + attachment_id)
        if len(data) != int(row["size"]) or hashlib.sha256(data).hexdigest() != row["sha256"]:
            raise _refused(source, f"evidence file {row.get('file_name', attachment_id)} "
                                   "differs from the one the sender listed")
        files[attachment_id] = data
    return files
