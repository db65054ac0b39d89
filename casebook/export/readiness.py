"""The readiness check before a dossier goes out: what a mechanism needs that is
missing, what is not approved, and whose consent is missing (docs/dossiers.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casebook.export.dossier_model import Snapshot, consent_holds
from casebook.export.profiles import Profile

DISAPPEARANCE = "act.enforced-disappearance"


@dataclass(frozen=True)
class ReadinessItem:
    incident_id: str
    title: str
    kind: str  # "missing", "unapproved", "consent"
    code: str  # stable, for the interfaces to translate
    message: str  # English


def _full_name(person: dict[str, object]) -> bool:
    parts = person.get("name_parts") or {}
    assert isinstance(parts, dict)
    if parts.get("given") and (parts.get("family") or parts.get("father")):
        return True
    return len(str(person.get("name", "")).split()) >= 2


def check_readiness(snapshot: Snapshot, profile: Profile, today: date) -> list[ReadinessItem]:
    items: list[ReadinessItem] = []
    terms = snapshot.terms
    disappearance = set(terms.descendants(DISAPPEARANCE)) if DISAPPEARANCE in terms else {
        DISAPPEARANCE}
    scope = profile.consent_scope.value
    for incident_id, incident in snapshot.incidents:
        title = str(incident.get("title", ""))

        def add(kind: str, code: str, message: str,
                incident_id: str = incident_id, title: str = title) -> None:
            items.append(ReadinessItem(incident_id, title, kind, code, message))

        involvements = [i for i in snapshot.involvements if str(i["incident"]) == incident_id]
        acts = [a for _id, a in snapshot.acts if str(a["incident"]) == incident_id]
        victims = {str(i["person"]) for i in involvements if i["role"] == "victim"}
        victims |= {str(a["victim"]) for a in acts}
        perpetrators = [i for i in involvements if i["role"] == "alleged-perpetrator"]
        perpetrators += [p for a in acts for p in a.get("perpetrators", ())]
        if not victims:
            add("missing", "victims", "no alleged victim is recorded")
        if not perpetrators:
            add("missing", "perpetrators", "no alleged perpetrator (person or unit) is "
                                           "recorded")
        if not incident.get("date_start"):
            add("missing", "date", "the date of the incident is missing")
        if not incident.get("place"):
            add("missing", "place", "the place of the incident is missing")
        if not str(incident.get("narrative", "")).strip():
            add("missing", "description", "there is no description (narrative)")
        for act in acts:
            if act.get("act_type") not in disappearance:
                continue
            person = snapshot.persons.get(str(act["victim"]), {})
            if not _full_name(person):
                add("missing", "disappearance-name", "enforced disappearance: the full name "
                    "of the disappeared person is missing")
            if not (act.get("date") or incident.get("date_start")):
                add("missing", "disappearance-date", "enforced disappearance: the date of "
                    "arrest or last sighting is missing")
            if not (act.get("place") or incident.get("place")):
                add("missing", "disappearance-place", "enforced disappearance: the place of "
                    "arrest or last sighting is missing")
            if not act.get("perpetrators"):
                add("missing", "disappearance-forces", "enforced disappearance: the forces "
                    "believed responsible are not recorded on the act")
            if not str(act.get("steps_taken", "")).strip():
                add("missing", "disappearance-steps", "enforced disappearance: the steps "
                    "taken to locate the person are not recorded")
        if not snapshot.approved.get(incident_id, False):
            add("unapproved", "unapproved", f"not approved (status "
                f"{incident.get('status', 'draft')}); it needs explicit confirmation")
        for victim in sorted(victims):
            if victim in snapshot.persons and not consent_holds(
                    snapshot.consents, victim, scope, today):
                add("consent", "consent", f"a victim has not consented to {scope} (or the "
                    "consent was withdrawn or has expired): their name will be withheld")
    return items
