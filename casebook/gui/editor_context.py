"""What every editor needs from the open vault, bundled so windows pass one object."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.domain.errors import CasebookError
from casebook.gui.places import PlaceNames
from casebook.gui.workers import TaskRunner
from casebook.services.drafts import DraftService
from casebook.services.evidence import EvidenceService
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from casebook.services.vault_service import VaultSession


@dataclass
class EditorContext:
    session: VaultSession
    runner: TaskRunner
    records: RecordService = field(init=False)
    queries: Queries = field(init=False)
    evidence: EvidenceService = field(init=False)
    drafts: DraftService = field(init=False)
    places: PlaceNames = field(init=False)

    def __post_init__(self) -> None:
        self.records = RecordService(self.session)
        self.queries = Queries(self.session)
        self.evidence = EvidenceService(self.session)
        self.drafts = DraftService(self.session)
        self.reload_places()

    def reload_places(self) -> None:
        self.places = PlaceNames.load(self.queries)

    def user_name(self, user_id: str) -> str:
        """A vault user's name; the id itself for a user no longer in the key file."""
        user = self.session.vault.user_by_id(user_id)
        return user.name if user is not None else user_id

    def person_name(self, person_id: str) -> str:
        """A person's display name, read from the record."""
        try:
            content = self.records.get(person_id).content
        except CasebookError:  # deleted meanwhile: shown by id
            return person_id
        names = content.get("name_parts") or {}
        joined = " ".join(
            str(names.get(k, "")) for k in ("given", "father", "grandfather", "family")
            if names.get(k)
        )
        return str(content.get("name") or joined or names.get("laqab") or person_id)
