"""The readiness check before a dossier goes out: what a mechanism needs that is
missing, what is not approved, and whose consent is missing (docs/dossiers.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casebook.export.dossier_model import Snapshot, consent_holds, display_name
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


class _Incident:
    """The readiness items of one incident."""

    def __init__(self, snapshot: Snapshot, incident_id: str, incident: dict[str, Any],
                 items: list[ReadinessItem]) -> None:
        self.s = snapshot
        self.id = incident_id
        self.incident = incident
        self.title = str(incident.get("title", ""))
        self.items = items
        involvements = [i for i in snapshot.involvements if str(i["incident"]) == incident_id]
        self.acts = [a for _id, a in snapshot.acts if str(a["incident"]) == incident_id]
        self.victims = {str(i["person"]) for i in involvements if i["role"] == "victim"}
        self.victims |= {str(a["victim"]) for a in self.acts}
        self.perpetrators = [i for i in involvements if i["role"] == "alleged-perpetrator"]
        self.perpetrators += [p for a in self.acts for p in a.get("perpetrators", ())]

    def add(self, kind: str, code: str, message: str) -> None:
        self.items.append(ReadinessItem(self.id, self.title, kind, code, message))

    def minimum_elements(self) -> None:
        if not self.victims:
            self.add("missing", "victims", "no alleged victim is recorded")
        if not self.perpetrators:
            self.add("missing", "perpetrators", "no alleged perpetrator (person or unit) is "
                                                "recorded")
        if not self.incident.get("date_start"):
            self.add("missing", "date", "the date of the incident is missing")
        if not self.incident.get("place"):
            self.add("missing", "place", "the place of the incident is missing")
        if not str(self.incident.get("narrative", "")).strip():
            self.add("missing", "description", "there is no description (narrative)")

    def disappearance(self, act: dict[str, Any]) -> None:
        """What the UN Working Group on Enforced or Involuntary Disappearances needs."""
        person = self.s.persons.get(str(act["victim"]), {})
        checks = (
            (_full_name(person), "disappearance-name",
             "the full name of the disappeared person is missing"),
            (act.get("date") or self.incident.get("date_start"), "disappearance-date",
             "the date of arrest or last sighting is missing"),
            (act.get("place") or self.incident.get("place"), "disappearance-place",
             "the place of arrest or last sighting is missing"),
            (act.get("perpetrators"), "disappearance-forces",
             "the forces believed responsible are not recorded on the act"),
            (str(act.get("steps_taken", "")).strip(), "disappearance-steps",
             "the steps taken to locate the person are not recorded"),
        )
        for present, code, message in checks:
            if not present:
                self.add("missing", code, f"enforced disappearance: {message}")

    def approval(self) -> None:
        if not self.s.approved.get(self.id, False):
            self.add("unapproved", "unapproved", f"not approved (status "
                     f"{self.incident.get('status', 'draft')}); it needs explicit "
                     "confirmation")

    def consent(self, scope: str, today: date) -> None:
        for victim in sorted(self.victims):
            if victim in self.s.persons and not consent_holds(
                    self.s.consents, victim, scope, today):
                # The check is for the person preparing the dossier, inside the vault:
                # naming the victim tells them whose consent to seek.
                who = display_name(self.s.persons[victim]) or victim
                self.add("consent", "consent", f"the victim {who} has not consented to "
                         f"{scope} (or the consent was withdrawn or has expired): their "
                         "name will be withheld")


def check_readiness(snapshot: Snapshot, profile: Profile, today: date) -> list[ReadinessItem]:
    items: list[ReadinessItem] = []
    terms = snapshot.terms
    disappearance = set(terms.descendants(DISAPPEARANCE)) if DISAPPEARANCE in terms else {
        DISAPPEARANCE}
    for incident_id, incident in snapshot.incidents:
        check = _Incident(snapshot, incident_id, incident, items)
        check.minimum_elements()
        for act in check.acts:
            if act.get("act_type") in disappearance:
                check.disappearance(act)
        check.approval()
        check.consent(profile.consent_scope.value, today)
    return items
