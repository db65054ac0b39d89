"""The documenter's path from the case-records issue, through the CLI alone: an
incident with two victims, a witness, a statement and a photo; found by a victim's
name typed without diacritics; edited; its history shows both versions."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from casebook.cli.main import main
from casebook.services.vault_service import KdfPolicy

PASS = "cedar harbour nine lanterns"


def _run(vault: Path, policy: KdfPolicy, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--vault", str(vault), *argv], environ={"CASEBOOK_PASSPHRASE": PASS},
                stdout=out, stderr=err, kdf_policy=policy, interactive=False)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def _document(title: str) -> dict[str, Any]:
    return {
        "format": "casebook/v1",
        "incidents": [{"id": "inc-1", "title": title, "date_start": "2025-03-07",
                       "narrative": "اقتيد الرجال من بيوتهم إلى الساحة."}],
        "persons": [
            {"id": "v-1", "name": "مُحَمَّد إبراهيم الحلبي", "sex": "male", "age": 34},
            {"id": "v-2", "name": "عَلِيّ حسن ديب", "sex": "male", "age": 16},
            {"id": "w-1", "name": "Layla Haddad", "sex": "female",
             "contact": "+963 900 000 001"},
        ],
        "involvements": [
            {"incident": "inc-1", "person": "v-1", "role": "victim"},
            {"incident": "inc-1", "person": "v-2", "role": "victim"},
            {"incident": "inc-1", "person": "w-1", "role": "witness"},
        ],
        "statements": [{"id": "st-1", "incident": "inc-1", "source": "w-1",
                        "connection": "direct", "language": "ar",
                        "text": "رأيت من النافذة الرجال يُقتادون إلى الساحة."}],
    }


def test_documenter_path_through_the_cli(
    vault_dir: Path, kdf_policy: KdfPolicy, tmp_path: Path
) -> None:
    source = tmp_path / "case.json"
    source.write_text(json.dumps(_document("Execution in the square")), encoding="utf-8")
    photo = tmp_path / "square.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the square" + bytes(2048))

    assert _run(vault_dir, kdf_policy, "init", "--user", "Amal")[0] == 0
    code, out, err = _run(vault_dir, kdf_policy, "import", str(source), "--json")
    assert code == 0, err
    code, out, err = _run(vault_dir, kdf_policy, "show", "inc-1", "--json")
    assert code == 0, err
    incident_id = json.loads(out)["id"]
    code, out, err = _run(vault_dir, kdf_policy, "attach", incident_id, str(photo), "--json")
    assert code == 0, err

    # Found by a victim's name typed without diacritics.
    code, out, _ = _run(vault_dir, kdf_policy, "search", "محمد ابراهيم", "--json")
    assert code == 0
    assert any(hit["kind"] == "person" for hit in json.loads(out))
    code, out, _ = _run(vault_dir, kdf_policy, "list", "incidents", "--search", "محمد",
                        "--json")
    assert [row["id"] for row in json.loads(out)] == [incident_id]

    # An edit: the same file with a changed title makes a new version.
    source.write_text(json.dumps(_document("Summary execution in the square")),
                      encoding="utf-8")
    assert _run(vault_dir, kdf_policy, "import", str(source))[0] == 0
    code, out, err = _run(vault_dir, kdf_policy, "show", incident_id, "--history")
    assert code == 0, err
    assert "Summary execution in the square" in out
    assert "Execution in the square" in out

    code, out, _ = _run(vault_dir, kdf_policy, "show", incident_id, "--json")
    shown = json.dumps(json.loads(out), ensure_ascii=False)
    assert "square.jpg" in shown
    assert "+963 900 000 001" not in shown  # the witness's contact stays hidden
