"""What every editor needs from the open vault, bundled so windows pass one object."""

from __future__ import annotations

from dataclasses import dataclass, field

from casebook.domain.errors import CasebookError
from casebook.gazetteer.model import Gazetteer, Place
from casebook.gui.places import PlaceNames
from casebook.gui.workers import TaskRunner
from casebook.services.drafts import DraftService
from casebook.services.evidence import EvidenceService
from casebook.services.places import PlaceService
from casebook.services.queries import Queries
from casebook.services.records import RecordService
from casebook.services.taxonomy import TaxonomyService
from casebook.services.vault_service import VaultSession
from casebook.taxonomy.model import TermIndex


@dataclass
class EditorContext:
    session: VaultSession
    runner: TaskRunner
    records: RecordService = field(init=False)
    queries: Queries = field(init=False)
    evidence: EvidenceService = field(init=False)
    drafts: DraftService = field(init=False)
    places: PlaceNames = field(init=False)
    gazetteer: Gazetteer = field(init=False)
    #: The vault's taxonomy (every scheme, retired terms included), read once.
    terms: TermIndex = field(init=False)

    def __post_init__(self) -> None:
        self.records = RecordService(self.session)
        self.queries = Queries(self.session)
        self.evidence = EvidenceService(self.session)
        self.drafts = DraftService(self.session)
        self.reload_places()
        self.reload_terms()

    def reload_places(self) -> None:
        self.gazetteer = PlaceService(self.session).gazetteer()
        self.places = PlaceNames.from_gazetteer(self.gazetteer)

    def place_added(self, place: Place) -> None:
        """A place was added (from a picker): known everywhere from now on."""
        self.gazetteer = Gazetteer([*self.gazetteer.all(), place])
        self.places.add(place)

    def reload_terms(self) -> None:
        """Read the taxonomy again (after an update); editors opened afterwards use it."""
        self.terms = TaxonomyService(self.session).index()

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
