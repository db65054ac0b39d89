"""``verify_dossier`` (no vault): a good dossier verifies; every kind of tampering is
refused, naming what failed. And the export itself: atomic, audited, checkpointed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from casebook.crypto import signing
from casebook.domain.errors import UsageError
from casebook.export.manifest import (
    MANIFEST,
    DossierTamperedError,
    manifest_body,
    safe_path,
    signed_manifest,
    verify_dossier,
)
from casebook.services.audit import AuditFilter, AuditService
from casebook.services.dossier import export_dossier
from casebook.services.vault_service import KdfPolicy, unlock_vault
from casebook.storage.models import AuditCheckpoint
from tests.dossier.helpers import (
    SUPERVISOR_PASS,
    SmallDossier,
    fake_renderer,
    flip,
    read_zip,
    rewrite_zip,
    small_dossier,
)


@pytest.fixture
def dossier(vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path) -> SmallDossier:
    (tmp_path / "out").mkdir()
    return small_dossier(vault_dir, kdf_policy, tmp_path / "out" / "dossier.zip")


def tampered(dossier: SmallDossier, files: dict[str, bytes], name: str = "bad.zip") -> Path:
    return rewrite_zip(dossier.path, dossier.path.parent / name, files)


def refused(path: Path, match: str, **kwargs: str) -> DossierTamperedError:
    with pytest.raises(DossierTamperedError, match=match) as info:
        verify_dossier(path, **kwargs)  # type: ignore[arg-type]
    return info.value


def test_a_good_dossier_verifies(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    assert sorted(files) == ["dossier.json", "dossier.pdf", "evidence/E1.jpg",
                             "manifest.txt", "redaction-report.json", "tables/acts.csv",
                             "tables/evidence.csv", "tables/incidents.csv",
                             "tables/sources.csv", "tables/victims.csv"]
    verified = verify_dossier(dossier.path)
    assert verified.files == len(files) - 1
    assert verified.fingerprint == dossier.fingerprint
    assert verify_dossier(dossier.path, expected_signer=dossier.fingerprint.lower()
                          .replace(" ", "")).fingerprint == dossier.fingerprint
    manifest = files[MANIFEST].decode()
    lines = manifest.splitlines()
    listed = [line.split("  ")[2] for line in lines[1:] if "  " in line]
    assert listed == sorted(listed) == sorted(set(files) - {MANIFEST})
    assert f"signer-fingerprint: {dossier.fingerprint}" in lines
    # A rewritten zip with the very same contents still verifies (the contents are
    # what is signed, not the container).
    assert verify_dossier(tampered(dossier, files)).fingerprint == dossier.fingerprint


def test_one_byte_changed_in_any_file(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    for name in files:
        for index in (0, None, -1):
            data = files[name]
            changed = flip(data, index if index != -1 else len(data) - 1)
            bad = tampered(dossier, {**files, name: changed}, f"{name.replace('/', '_')}.zip")
            what = "manifest" if name == MANIFEST else rf"{name} has been changed"
            if name == MANIFEST:
                error = refused(bad, "manifest|signature|Casebook manifest")
            else:
                error = refused(bad, what)
            assert error.exit_code == 4


def test_one_byte_flipped_anywhere_in_the_zip_never_passes_changed_content(
        dossier: SmallDossier) -> None:
    """Raw damage to the zip: either refused with DossierTamperedError, or (when the
    byte was in container bookkeeping that carries no content, e.g. a timestamp) the
    contents are exactly the signed ones. Never a crash, never changed content."""
    raw = dossier.path.read_bytes()
    original = read_zip(dossier.path)
    target = dossier.path.parent / "flipped.zip"
    refusals = 0
    for index in range(0, len(raw), 7):
        target.write_bytes(flip(raw, index))
        try:
            verify_dossier(target)
        except DossierTamperedError:
            refusals += 1
            continue
        assert read_zip(target) == original, index
    assert refusals > len(raw) // 7 * 0.8


def test_added_removed_renamed_files(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    refused(tampered(dossier, {**files, "extra.txt": b"hello"}),
            r"extra\.txt is in the dossier but not in the signed manifest")
    refused(tampered(dossier, {**files, "evidence/E2.jpg": files["evidence/E1.jpg"]}),
            r"evidence/E2\.jpg is in the dossier but not")
    without = {k: v for k, v in files.items() if k != "tables/victims.csv"}
    refused(tampered(dossier, without), r"tables/victims\.csv is listed in the manifest but "
                                        "missing")
    renamed = {("evidence/photo.jpg" if k == "evidence/E1.jpg" else k): v
               for k, v in files.items()}
    refused(tampered(dossier, renamed), r"evidence/E1\.jpg is listed .* missing")
    refused(tampered(dossier, {k: v for k, v in files.items() if k != MANIFEST}),
            "has no manifest.txt")


@pytest.mark.parametrize("name", ["../evil", "/abs", "evidence/../../evil",
                                  "C:/windows/evil", "evidence\\..\\evil", "a//b", "./x",
                                  "../", "evidence/./E1.jpg"])
def test_unsafe_paths(dossier: SmallDossier, name: str) -> None:
    files = read_zip(dossier.path)
    target = dossier.path.parent / "unsafe.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
        info = zipfile.ZipInfo("placeholder")
        info.filename = name  # as a hostile tool would write it, unnormalised
        archive.writestr(info, b"x")
    refused(target, "unsafe path|not in the signed manifest|same path twice")
    assert not safe_path(name.rstrip("/")) or name.endswith("/")


def test_folder_entries_and_duplicates(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    target = dossier.path.parent / "folder.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
        archive.writestr(zipfile.ZipInfo("hidden/"), b"")
    refused(target, r"hidden/ is in the dossier but not in the signed manifest")
    with pytest.warns(UserWarning, match="Duplicate name"), \
            zipfile.ZipFile(target, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
        archive.writestr("dossier.json", b"{}")
    refused(target, "same path twice")


def test_signed_by_another_key(dossier: SmallDossier) -> None:
    """Anyone can sign a dossier: verify names the signer, and --signer pins it."""
    files = read_zip(dossier.path)
    others = {k: v for k, v in files.items() if k != MANIFEST}
    checkpoint = next(line.split(": ", 1)[1] for line in files[MANIFEST].decode().splitlines()
                      if line.startswith("audit-checkpoint: "))
    seed = signing.new_signing_seed()
    public = signing.public_key_from_seed(seed)
    body = manifest_body(others, public_key=public, checkpoint=checkpoint)
    resigned = tampered(dossier, {**others, MANIFEST: signed_manifest(
        body, signing.sign(seed, body))})
    verified = verify_dossier(resigned)
    assert verified.fingerprint == signing.fingerprint(public) != dossier.fingerprint
    error = refused(resigned, "not by the expected", expected_signer=dossier.fingerprint)
    assert signing.fingerprint(public) in str(error)
    # Changing a file and re-signing with the original key's public key but another
    # key's signature: refused.
    forged = manifest_body(others, public_key=bytes.fromhex(verified.public_key),
                           checkpoint=checkpoint)
    forged = forged.replace(signing.fingerprint(public).encode(),
                            dossier.fingerprint.encode())
    refused(tampered(dossier, {**others, MANIFEST: signed_manifest(
        forged, signing.sign(seed, forged))}), "signer fingerprint|signature")


def test_broken_signature_and_manifest(dossier: SmallDossier) -> None:
    files = read_zip(dossier.path)
    manifest = files[MANIFEST].decode()
    head, signature = manifest.rsplit("signature: ", 1)
    broken = head + "signature: " + ("0" if signature[0] != "0" else "1") + signature[1:]
    refused(tampered(dossier, {**files, MANIFEST: broken.encode()}), "does not verify")
    refused(tampered(dossier, {**files, MANIFEST: head.encode()}), "no signature")
    refused(tampered(dossier, {**files, MANIFEST: (head + "signature: zz\n").encode()}),
            "does not verify")
    refused(tampered(dossier, {**files, MANIFEST: b"\xff\xfe"}), "not UTF-8")
    # A line edited in the signed part: the signature fails.
    edited = manifest.replace("  dossier.json", "  dossier.JSON")
    refused(tampered(dossier, {**files, MANIFEST: edited.encode()}), "does not verify|"
                                                                      "missing")
    # A line that is not a file line, in an otherwise signed manifest.
    refused(tampered(dossier, {**files, MANIFEST: manifest.replace(
        "signer-public-key", "garbage\nsigner-public-key").encode()}), "cannot read")


def test_not_a_zip_truncated_missing(dossier: SmallDossier, tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("not a zip at all")
    error = refused(text, "not a readable zip")
    assert error.exit_code == 4
    raw = dossier.path.read_bytes()
    for keep in (len(raw) // 3, len(raw) // 2, len(raw) - 30, 100):
        cut = tmp_path / f"cut{keep}.zip"
        cut.write_bytes(raw[:keep])
        refused(cut, "not a readable zip|cannot be read|damaged")
    empty = tmp_path / "empty.zip"
    empty.write_bytes(b"")
    refused(empty, "not a readable zip")
    with pytest.raises(UsageError, match="There is no file"):
        verify_dossier(tmp_path / "absent.zip")
    with pytest.raises(UsageError, match="folder"):
        verify_dossier(tmp_path)


def test_export_is_audited_and_checkpointed(dossier: SmallDossier) -> None:
    session = unlock_vault(dossier.vault, SUPERVISOR_PASS)
    try:
        [entry] = AuditService(session).log(AuditFilter(action="export"))
        with Session(session.vault.engine) as db:
            checkpoint = db.exec(select(AuditCheckpoint).where(
                AuditCheckpoint.reason == "export").order_by(
                    col(AuditCheckpoint.seq).desc())).first()
    finally:
        session.lock()
    assert entry.object_type == "dossier" and entry.object_id == dossier.dossier_id
    assert entry.details["profile"] == "special-procedures"
    assert entry.details["language"] == "en" and entry.details["file"] == "dossier.zip"
    assert checkpoint is not None and checkpoint.seq == entry.seq  # the export is the head
    verified = verify_dossier(dossier.path)
    assert verified.checkpoint == (f"seq={checkpoint.seq} head={checkpoint.head_hash} "
                                   f"at={checkpoint.at}")
    data = read_zip(dossier.path)["dossier.json"].decode()
    assert dossier.dossier_id in data


def test_export_is_atomic(dossier: SmallDossier, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = dossier.path.parent
    before = sorted(p.name for p in folder.iterdir())
    session = unlock_vault(dossier.vault, SUPERVISOR_PASS)
    try:
        incident = AuditService(session).log(AuditFilter(action="export"))[0].details[
            "incidents"]
        exports = len(AuditService(session).log(AuditFilter(action="export")))

        def broken_renderer(data: object, report: object) -> bytes:
            raise RuntimeError("the renderer failed")

        with pytest.raises(RuntimeError, match="renderer failed"):
            export_dossier(session, "special-procedures", folder / "new.zip",
                           broken_renderer, incident_ids=incident)
        assert sorted(p.name for p in folder.iterdir()) == before
        # Not recorded as exported either.
        assert len(AuditService(session).log(AuditFilter(action="export"))) == exports

        # A failure while the zip is being written (disk full): no file under the final
        # name, no temporary file left; an existing dossier is untouched.
        original = dossier.path.read_bytes()
        calls = []

        def full_disk(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
            calls.append(1)
            if len(calls) > 3:
                raise OSError(28, "No space left on device")
            real(self, *args, **kwargs)

        real = zipfile.ZipFile.writestr
        monkeypatch.setattr(zipfile.ZipFile, "writestr", full_disk)
        for target, overwrite in ((folder / "new.zip", False), (dossier.path, True)):
            calls.clear()
            with pytest.raises(OSError, match="No space"):
                export_dossier(session, "special-procedures", target, fake_renderer,
                               incident_ids=incident, overwrite=overwrite)
            assert sorted(p.name for p in folder.iterdir()) == before
            assert dossier.path.read_bytes() == original
        monkeypatch.undo()
        with pytest.raises(UsageError, match="already exists"):
            export_dossier(session, "special-procedures", dossier.path, fake_renderer,
                           incident_ids=incident)
        with pytest.raises(UsageError, match="is a folder"):
            export_dossier(session, "special-procedures", folder, fake_renderer,
                           incident_ids=incident)
        with pytest.raises(UsageError, match="does not exist"):
            export_dossier(session, "special-procedures", folder / "no" / "x.zip",
                           fake_renderer, incident_ids=incident)
        summary = export_dossier(session, "special-procedures", dossier.path, fake_renderer,
                                 incident_ids=incident, overwrite=True)
    finally:
        session.lock()
    assert verify_dossier(dossier.path).fingerprint == summary.fingerprint
    assert sorted(p.name for p in folder.iterdir()) == before
