"""Case records as data: what a documenter enters, validated (DESIGN.md section 3).

Each record kind has a pydantic model of its *content*. A saved version stores that
content as canonical JSON; identity, versioning and authorship live beside it in the
storage layer. Unknown fields are kept (interchange files may carry fields a later
version understands). Records refer to each other by UUID.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError as PydanticValidationError

from casebook.domain.dates import DatePrecision, earliest, parse_partial_date
from casebook.domain.errors import ValidationError


class RecordKind(StrEnum):
    INCIDENT = "incident"
    PERSON = "person"
    INVOLVEMENT = "involvement"
    ACT = "act"
    UNIT = "unit"
    STATEMENT = "statement"
    EVIDENCE = "evidence"
    CONSENT = "consent"
    PLACE = "place"
    QUALIFICATION = "qualification"


class Sensitivity(StrEnum):
    NORMAL = "normal"
    SENSITIVE = "sensitive"
    SECRET = "secret"  # noqa: S105 - a sensitivity level, not a password


class IncidentStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NEEDS_CHANGES = "needs-changes"
    APPROVED = "approved"


class Role(StrEnum):
    VICTIM = "victim"
    WITNESS = "witness"
    SOURCE = "source"
    ALLEGED_PERPETRATOR = "alleged-perpetrator"
    INTERVENING_PARTY = "intervening-party"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class CountingUnit(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"


class Connection(StrEnum):
    DIRECT = "direct"
    HEARSAY = "hearsay"
    DOCUMENTARY = "documentary"
    OPEN_SOURCE = "open-source"


class ConsentScope(StrEnum):
    SPECIAL_PROCEDURES = "special-procedures"
    COMMISSION_OF_INQUIRY = "commission-of-inquiry"
    IIIM = "iiim"
    PUBLICATION = "publication"
    IDENTITY_DISCLOSURE = "identity-disclosure"


class PlaceLevel(StrEnum):
    COUNTRY = "country"
    GOVERNORATE = "governorate"
    DISTRICT = "district"
    SUB_DISTRICT = "sub-district"
    COMMUNITY = "community"
    SITE = "site"


class Confidence(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


ChildAge = 18
PartialDate = Annotated[str, Field(max_length=10)]
ShortText = Annotated[str, Field(max_length=500)]
LongText = Annotated[str, Field(max_length=1_000_000)]
RecordRef = Annotated[str, Field(min_length=1, max_length=200)]


class _Content(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True, frozen=True)


def _check_date(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    return parse_partial_date(value)


class IncidentContent(_Content):
    title: ShortText = Field(min_length=1)
    narrative: LongText = ""
    date_start: PartialDate | None = None
    date_end: PartialDate | None = None
    date_precision: DatePrecision | None = None
    place: RecordRef | None = None
    place_precision: ShortText | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    status: IncidentStatus = IncidentStatus.DRAFT
    tags: tuple[ShortText, ...] = ()
    sensitivity: Sensitivity = Sensitivity.NORMAL
    notes: LongText = ""

    _dates = field_validator("date_start", "date_end")(_check_date)

    @model_validator(mode="after")
    def _range_in_order(self) -> IncidentContent:
        if self.date_start and self.date_end and earliest(self.date_end) < earliest(
            self.date_start
        ):
            raise ValueError("date_end is before date_start")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("give both latitude and longitude, or neither")
        return self


class NameParts(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    given: ShortText = ""
    father: ShortText = ""
    grandfather: ShortText = ""
    family: ShortText = ""
    laqab: ShortText = ""

    def joined(self) -> str:
        return " ".join(p for p in (self.given, self.father, self.grandfather, self.family) if p)


class PersonContent(_Content):
    name: ShortText = ""
    name_parts: NameParts = NameParts()
    alt_names: tuple[ShortText, ...] = ()
    sex: Sex = Sex.UNKNOWN
    birth_date: PartialDate | None = None
    age: int | None = Field(default=None, ge=0, le=130)
    age_is_estimate: bool = False
    is_child: bool | None = None
    occupation: ShortText = ""
    contact: LongText = ""  # always secret: shown only on explicit reveal, audited
    counting_unit: CountingUnit = CountingUnit.INDIVIDUAL
    group_size: int | None = Field(default=None, ge=1, le=10_000_000)
    group_size_estimate: bool = False
    sensitivity: Sensitivity = Sensitivity.NORMAL
    notes: LongText = ""

    _dates = field_validator("birth_date")(_check_date)

    @model_validator(mode="after")
    def _named_and_counted(self) -> PersonContent:
        if not self.name and not self.name_parts.joined() and not self.name_parts.laqab:
            raise ValueError("a person needs a name or name parts (use 'unknown' if unknown)")
        if self.counting_unit is CountingUnit.GROUP and self.group_size is None:
            raise ValueError("a group needs a group_size (an estimate is fine)")
        if self.counting_unit is CountingUnit.INDIVIDUAL and self.group_size not in (None, 1):
            raise ValueError("an individual has no group_size")
        return self

    @property
    def display_name(self) -> str:
        return self.name or self.name_parts.joined() or self.name_parts.laqab


class InvolvementContent(_Content):
    incident: RecordRef
    person: RecordRef
    role: Role


class Perpetrator(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    person: RecordRef | None = None
    unit: RecordRef | None = None
    involvement: ShortText = ""
    confidence: Confidence = Confidence.MEDIUM

    @model_validator(mode="after")
    def _one_target(self) -> Perpetrator:
        if (self.person is None) == (self.unit is None):
            raise ValueError("a perpetrator is either a person or a unit")
        return self


class ActContent(_Content):
    incident: RecordRef
    victim: RecordRef
    act_type: ShortText = Field(min_length=1)
    method: ShortText = ""
    date: PartialDate | None = None
    place: RecordRef | None = None
    consequences: LongText = ""
    status_at_end: ShortText = ""
    perpetrators: tuple[Perpetrator, ...] = ()
    #: For an enforced disappearance: what was done to find the person (UN WGEID asks).
    steps_taken: LongText = ""
    notes: LongText = ""

    _dates = field_validator("date")(_check_date)


class UnitContent(_Content):
    name: ShortText = Field(min_length=1)
    parent: RecordRef | None = None
    affiliation: ShortText = ""


class StatementContent(_Content):
    incident: RecordRef
    source: RecordRef | None = None
    connection: Connection = Connection.DIRECT
    date: PartialDate | None = None
    interviewer: ShortText = ""
    language: ShortText = ""
    interpreter: ShortText = ""
    reliability: Literal["", "A", "B", "C", "D", "E", "F"] = ""
    credibility: Literal["", "1", "2", "3", "4", "5", "6"] = ""
    text: LongText = ""

    _dates = field_validator("date")(_check_date)


class EvidenceContent(_Content):
    record: RecordRef
    description: LongText = ""
    collected_by: ShortText = ""
    collected_at: PartialDate | None = None
    source_url: ShortText = ""

    _dates = field_validator("collected_at")(_check_date)


class ConsentContent(_Content):
    person: RecordRef
    scope: ConsentScope
    given_at: PartialDate | None = None
    method: ShortText = ""
    withdrawn_at: PartialDate | None = None
    expires: PartialDate | None = None
    notes: LongText = ""

    _dates = field_validator("given_at", "withdrawn_at", "expires")(_check_date)


class PlaceContent(_Content):
    name: ShortText = Field(min_length=1)
    name_ar: ShortText = ""
    level: PlaceLevel = PlaceLevel.COMMUNITY
    parent: RecordRef | None = None
    pcode: ShortText = ""
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)


class QualificationContent(_Content):
    """A supervisor's legal qualification of one act, kept apart from the facts:
    the violation (a term of the ``legal`` scheme), the standard of proof reached (a
    term of the ``proof`` scheme) and why. Only supervisors write these."""

    act: RecordRef
    term: ShortText = Field(min_length=1)
    proof: ShortText = Field(min_length=1)
    rationale: LongText = ""
    reviewer: ShortText = ""  # the supervisor's user id, set by the service


CONTENT_TYPES: dict[RecordKind, type[_Content]] = {
    RecordKind.INCIDENT: IncidentContent,
    RecordKind.PERSON: PersonContent,
    RecordKind.INVOLVEMENT: InvolvementContent,
    RecordKind.ACT: ActContent,
    RecordKind.UNIT: UnitContent,
    RecordKind.STATEMENT: StatementContent,
    RecordKind.EVIDENCE: EvidenceContent,
    RecordKind.CONSENT: ConsentContent,
    RecordKind.PLACE: PlaceContent,
    RecordKind.QUALIFICATION: QualificationContent,
}

#: Fields that must point at an existing record of the given kinds (checked by the
#: services). ``place`` fields are not checked here: until the gazetteer issue they
#: may also hold a P-code or a place name.
REFERENCES: dict[RecordKind, dict[str, tuple[RecordKind, ...]]] = {
    RecordKind.INVOLVEMENT: {"incident": (RecordKind.INCIDENT,), "person": (RecordKind.PERSON,)},
    RecordKind.ACT: {"incident": (RecordKind.INCIDENT,), "victim": (RecordKind.PERSON,)},
    RecordKind.UNIT: {"parent": (RecordKind.UNIT,)},
    RecordKind.STATEMENT: {"incident": (RecordKind.INCIDENT,), "source": (RecordKind.PERSON,)},
    RecordKind.EVIDENCE: {"record": tuple(RecordKind)},
    RecordKind.CONSENT: {"person": (RecordKind.PERSON,)},
    RecordKind.PLACE: {"parent": (RecordKind.PLACE,)},
    RecordKind.QUALIFICATION: {"act": (RecordKind.ACT,)},
    RecordKind.INCIDENT: {},
    RecordKind.PERSON: {},
}


def validate_content(kind: RecordKind, data: dict[str, Any], where: str = "") -> _Content:
    """Validate ``data`` as the content of a ``kind`` record.

    Raises ValidationError whose ``field`` locates the first problem, e.g.
    ``persons[3].birth_date`` when ``where`` is ``persons[3]``.
    """
    try:
        return CONTENT_TYPES[kind].model_validate(data)
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(p) for p in first["loc"])
        field = ".".join(p for p in (where, location) if p)
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ValidationError(
            f"{field or kind.value}: {message}", field=field or None
        ) from None


def content_to_json(content: _Content) -> dict[str, Any]:
    """The JSON form of a record's content, as stored in a version."""
    return content.model_dump(mode="json")


def is_child_at(person: PersonContent, event_date: str | None) -> bool | None:
    """Whether a person was a child at an event: explicit flag first, then birth date,
    then age (taken as the age at the event). None when unknown."""
    if person.is_child is not None:
        return person.is_child
    if person.birth_date and event_date:
        born = earliest(person.birth_date)
        at = earliest(event_date)
        years = at.year - born.year - ((at.month, at.day) < (born.month, born.day))
        return years < ChildAge
    if person.age is not None:
        return person.age < ChildAge
    return None
