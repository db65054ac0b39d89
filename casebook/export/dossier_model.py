"""The redacted content of a dossier, computed from the records before any layout
(docs/dossiers.md). Everything the PDF, the JSON and the CSV tables show comes from
the structure built here, so a value withheld here cannot appear in any of them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casebook.domain.dates import earliest, latest
from casebook.domain.folding import fold
from casebook.domain.records import PersonContent, is_child_at
from casebook.export.profiles import STRENGTH, Action, Profile
from casebook.export.text_redaction import Markers, TextRedactor, Withheld
from casebook.gazetteer.model import Gazetteer, level_rank
from casebook.taxonomy.model import TermIndex

FORMAT = "casebook-dossier/v1"
SEXUAL_VIOLENCE = "act.sexual-violence"
ARABIC_LETTERS = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
LATIN_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ROLE_RULE = {
    "victim": "victim.identity", "witness": "witness.identity", "source": "source.identity",
    "alleged-perpetrator": "perpetrator.identity",
    "intervening-party": "intervening_party.identity",
}
ROLE_ORDER = ("victim", "witness", "source", "alleged-perpetrator", "intervening-party")


@dataclass(frozen=True)
class Attachment:
    id: str
    file_name: str
    media_type: str
    size: int
    sha256: str


@dataclass
class Snapshot:
    """The records a dossier is made from, as stored (ids -> content)."""

    incidents: list[tuple[str, dict[str, Any]]]
    persons: dict[str, dict[str, Any]]
    involvements: list[dict[str, Any]]
    acts: list[tuple[str, dict[str, Any]]]
    statements: list[tuple[str, dict[str, Any]]]
    consents: list[dict[str, Any]]
    evidence: list[tuple[str, dict[str, Any]]]
    attachments: dict[str, list[Attachment]]
    qualifications: list[tuple[str, dict[str, Any]]]
    units: dict[str, dict[str, Any]]
    gazetteer: Gazetteer
    terms: TermIndex
    approved: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class ReleasedFile:
    attachment_id: str
    path: str  # inside the dossier, e.g. evidence/E1.jpg
    media_type: str


@dataclass
class Dossier:
    data: dict[str, Any]
    report: dict[str, Any]
    files: list[ReleasedFile]


TEXTS = {
    "en": {"victim": "Victim {n}", "witness": "Witness {n}", "source": "Source {n}",
           "person": "Person {n}", "withheld": "[name withheld]",
           "place_withheld": "[place withheld]", "incident": "Incident {n}",
           "file_withheld": "[file name withheld]",
           "evidence": "E{n}"},
    "ar": {"victim": "الضحية {n}", "witness": "الشاهد {n}", "source": "المصدر {n}",
           "person": "الشخص {n}", "withheld": "[اسم محجوب]",
           "place_withheld": "[مكان محجوب]", "incident": "الحادثة {n}",
           "file_withheld": "[اسم ملف محجوب]",
           "evidence": "د{n}"},
}
MARKERS = {
    "en": Markers(),
    "ar": Markers(phone="[رقم هاتف محجوب]", email="[بريد إلكتروني محجوب]",
                  id_number="[رقم هوية محجوب]"),
}


def consent_holds(consents: list[dict[str, Any]], person_id: str, scope: str,
                  today: date) -> bool:
    """Consent for ``scope`` given and neither withdrawn nor expired (either counts as
    none)."""
    for consent in consents:
        if consent.get("person") != person_id or consent.get("scope") != scope:
            continue
        given = consent.get("given_at")
        if not given or latest(given) > today:
            continue  # never given, or recorded ahead of a date still to come
        withdrawn = consent.get("withdrawn_at")
        if withdrawn and earliest(withdrawn) <= today:
            continue
        expires = consent.get("expires")
        if expires and latest(expires) < today:
            continue
        return True
    return False


def spellings(person: Mapping[str, Any]) -> tuple[str, ...]:
    """Every way a person's name may be written: whole, each part, alternatives."""
    parts = dict(person.get("name_parts") or {})
    found = [person.get("name", ""), *parts.values(), *person.get("alt_names", ())]
    joined = " ".join(parts.get(k, "") for k in ("given", "father", "grandfather", "family")
                      if parts.get(k))
    found += [joined, " ".join(p for p in (parts.get("given"), parts.get("family")) if p)]
    return tuple(dict.fromkeys(s.strip() for s in found if s and s.strip()))


def display_name(person: Mapping[str, Any]) -> str:
    try:
        return PersonContent.model_validate(dict(person)).display_name
    except ValueError:
        return str(person.get("name", ""))


class _Builder:
    def __init__(self, snapshot: Snapshot, profile: Profile, language: str, key: bytes,
                 today: date) -> None:
        self.s = snapshot
        self.profile = profile
        self.language = language if language in TEXTS else "en"
        self.text = TEXTS[self.language]
        self.key = key
        self.today = today
        self.report_items: list[dict[str, Any]] = []
        self.person_action: dict[str, Action] = {}
        self.person_rule: dict[str, str] = {}
        self.labels: dict[str, str] = {}

    # ---- people

    def _roles(self) -> dict[str, set[str]]:
        roles: dict[str, set[str]] = {}
        for inv in self.s.involvements:
            roles.setdefault(str(inv["person"]), set()).add(str(inv["role"]))
        for _id, statement in self.s.statements:
            if statement.get("source"):
                roles.setdefault(str(statement["source"]), set()).add("source")
        for _id, act in self.s.acts:
            roles.setdefault(str(act["victim"]), set()).add("victim")
            for perpetrator in act.get("perpetrators", ()):
                if perpetrator.get("person"):
                    roles.setdefault(str(perpetrator["person"]), set()).add(
                        "alleged-perpetrator")
        return roles

    def _survivors(self) -> set[str]:
        codes = set(self.s.terms.descendants(SEXUAL_VIOLENCE)) if (
            SEXUAL_VIOLENCE in self.s.terms) else {SEXUAL_VIOLENCE}
        return {str(act["victim"]) for _id, act in self.s.acts
                if act.get("act_type") in codes or codes & set(act.get("tags", ()))}

    def _incident_dates(self) -> dict[str, str | None]:
        dates = {i: c.get("date_start") for i, c in self.s.incidents}
        by_person: dict[str, str | None] = {}
        for inv in self.s.involvements:
            by_person.setdefault(str(inv["person"]), dates.get(str(inv["incident"])))
        return by_person

    def classify_people(self) -> None:
        roles = self._roles()
        survivors = self._survivors()
        event_dates = self._incident_dates()
        scope = self.profile.consent_scope.value
        for person_id, person in self.s.persons.items():
            candidates: list[tuple[str, Action]] = []
            consented = consent_holds(self.s.consents, person_id, scope, self.today)
            for role in roles.get(person_id, {"intervening-party"}):
                rule_name = ROLE_RULE[role]
                candidates.append((rule_name, self.profile.rule(rule_name).effective(consented)))
            try:
                child = is_child_at(PersonContent.model_validate(person),
                                    event_dates.get(person_id))
            except ValueError:
                child = None
            if child:
                candidates.append(("child.identity",
                                   self.profile.rule("child.identity").effective(consented)))
            if person_id in survivors:
                candidates.append(("sexual_violence_survivor.identity",
                                   self.profile.rule("sexual_violence_survivor.identity")
                                   .effective(consented)))
            rule_name, action = max(candidates, key=lambda c: _strength(c[1]))
            if action is Action.GENERALISE:
                action = Action.PSEUDONYMISE
            self.person_action[person_id] = action
            self.person_rule[person_id] = rule_name
        self._assign_labels(roles)

    def _assign_labels(self, roles: dict[str, set[str]]) -> None:
        ordered = sorted(self.s.persons, key=lambda pid: hmac.new(
            self.key, pid.encode(), hashlib.sha256).digest())
        counters: Counter[str] = Counter()
        for person_id in ordered:
            action = self.person_action[person_id]
            if action is Action.KEEP:
                self.labels[person_id] = display_name(self.s.persons[person_id])
                continue
            if action is Action.DROP:
                self.labels[person_id] = self.text["withheld"]
                continue
            role = next((r for r in ROLE_ORDER if r in roles.get(person_id, set())), "person")
            kind = {"victim": "victim", "witness": "witness", "source": "source"}.get(
                role, "person")
            counters[kind] += 1
            number: str = str(counters[kind])
            if kind in ("witness", "source"):
                letters = ARABIC_LETTERS if self.language == "ar" else LATIN_LETTERS
                n = counters[kind] - 1
                number = letters[n % len(letters)] + ("" if n < len(letters)
                                                     else str(n // len(letters)))
            self.labels[person_id] = self.text[kind].format(n=number)

    def redactor(self) -> TextRedactor:
        withheld: list[Withheld] = []
        kept: list[str] = []
        neutral = self.text["withheld"]
        for person_id, action in self.person_action.items():
            person = self.s.persons[person_id]
            if action is not Action.KEEP:
                # A group's "name" is a description ("residents of al-Bustan"): it is
                # looked for whole, never word by word.
                individual = person.get("counting_unit", "individual") != "group"
                withheld.append(Withheld(spellings(person), self.labels[person_id],
                                         words_alone=individual))
            else:
                kept += spellings(person)
            contact = str(person.get("contact") or "")
            if contact:
                withheld.append(Withheld((contact,), neutral, words_alone=False))
        for _id, statement in self.s.statements:
            for name in (statement.get("interviewer"), statement.get("interpreter")):
                if name:
                    withheld.append(Withheld((str(name),), neutral))
        for _id, evidence in self.s.evidence:
            if evidence.get("collected_by"):
                withheld.append(Withheld((str(evidence["collected_by"]),), neutral))
            if evidence.get("source_url"):
                withheld.append(Withheld((str(evidence["source_url"]),), neutral,
                                         words_alone=False))
        file_names = [a.file_name for files in self.s.attachments.values() for a in files]
        file_names += [name.rsplit(".", 1)[0] for name in file_names if "." in name]
        if file_names:
            withheld.append(Withheld(tuple(file_names), self.text["file_withheld"],
                                     words_alone=False))
        places = self._finer_place_names()
        if places:
            withheld.append(Withheld(places, self.text["place_withheld"], words_alone=False))
        place_words = [n for p in self.s.gazetteer.all() for n in (p.name, p.name_ar) if n]
        return TextRedactor(withheld, MARKERS[self.language], kept=kept,
                            not_alone=place_words)

    def _finer_place_names(self) -> tuple[str, ...]:
        """Names of the dossier's places finer than the profile releases (a site, a
        village), to be withheld from free text too; not those that are also the name
        of a released (coarser) place."""
        rule = self.profile.rule("place")
        if rule.action is Action.KEEP:
            return ()
        gazetteer = self.s.gazetteer
        given = [i.get("place") for _id, i in self.s.incidents]
        given += [a.get("place") for _id, a in self.s.acts]
        finer: set[str] = set()
        released: set[str] = set()
        for value in given:
            if not value:
                continue
            found = gazetteer.get(str(value)) or gazetteer.resolve(str(value))
            if found is None:
                finer.add(str(value))
                continue
            for place in [found, *gazetteer.ancestors(found.id)]:
                names = {n for n in (place.name, place.name_ar) if n}
                coarse = (rule.action is Action.GENERALISE and rule.level is not None
                          and level_rank(place.level) <= level_rank(rule.level))
                (released if coarse else finer).update(names)
        kept = {fold(n) for n in released}
        return tuple(sorted(n for n in finer if fold(n) not in kept))


def _strength(action: Action) -> int:
    return STRENGTH[action]


def build_dossier(snapshot: Snapshot, profile: Profile, language: str, key: bytes,
                  today: date, *, dossier_id: str, generated_at: str) -> Dossier:
    """The redacted dossier for ``snapshot`` under ``profile``; ``key`` makes this
    dossier's pseudonyms (stable within it, different in the next)."""
    b = _Builder(snapshot, profile, language, key, today)
    b.classify_people()
    redact = b.redactor()
    lang = b.language
    files: list[ReleasedFile] = []
    incidents = []
    place_rule = profile.rule("place")
    evidence_counter = 0
    by_act: Counter[str] = Counter()
    by_place: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    acts_by_incident: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for act_id, act in snapshot.acts:
        acts_by_incident.setdefault(str(act["incident"]), []).append((act_id, act))
    quals_by_act: dict[str, list[dict[str, Any]]] = {}
    for _qid, qual in snapshot.qualifications:
        quals_by_act.setdefault(str(qual["act"]), []).append(qual)
    for number, (incident_id, incident) in enumerate(snapshot.incidents, start=1):
        place = _place(snapshot.gazetteer, incident.get("place"), place_rule, lang, b.text)
        acts_here = acts_by_incident.get(incident_id, [])
        act_types = {str(a.get("act_type")) for _i, a in acts_here if a.get("act_type")}
        act_types |= {t for t in incident.get("tags", ()) if str(t).startswith("act.")}
        for code in sorted(act_types):
            by_act[snapshot.terms.label(code, lang)] += 1
        by_place[place or b.text["place_withheld"]] += 1
        if incident.get("date_start"):
            by_month[str(incident["date_start"])[:7]] += 1
        people = _people(b, snapshot, incident_id)
        acts = [_act(b, redact, a, qualifications=quals_by_act.get(a_id, []))
                for a_id, a in acts_here]
        sources = _sources(b, snapshot, redact, incident_id, profile)
        evidence = []
        for ev_id, ev in snapshot.evidence:
            owner = str(ev.get("record"))
            if owner != incident_id and owner not in {a for a, _ in acts_here}:
                continue
            for attachment in snapshot.attachments.get(ev_id, []):
                evidence_counter += 1
                ref = TEXTS["en"]["evidence"].format(n=evidence_counter)
                released = _released(profile, attachment)
                path = None
                if released:
                    path = f"evidence/{ref}{_extension(attachment.media_type)}"
                    files.append(ReleasedFile(attachment.id, path, attachment.media_type))
                evidence.append({
                    "ref": ref, "description": redact.redact(str(ev.get("description", ""))),
                    "media_type": attachment.media_type, "size": attachment.size,
                    "sha256_at_ingest": attachment.sha256, "released": released,
                    "file": path,
                })
        incidents.append({
            "ref": b.text["incident"].format(n=number),
            "title": redact.redact(str(incident.get("title", ""))),
            "date_start": incident.get("date_start"), "date_end": incident.get("date_end"),
            "date_precision": incident.get("date_precision"),
            "place": place,
            "narrative": redact.redact(str(incident.get("narrative", ""))),
            "review_status": incident.get("status", "draft"),
            "approved": snapshot.approved.get(incident_id, False),
            "tags": [snapshot.terms.label(str(t), lang) for t in incident.get("tags", ())],
            "victims": people["victims"], "alleged_perpetrators": people["perpetrators"],
            "acts": acts, "sources": sources, "evidence": evidence,
        })
    data = {
        "format": FORMAT, "dossier_id": dossier_id, "profile": profile.name,
        "profile_title": profile.label(lang), "language": lang, "generated_at": generated_at,
        "summary": {"incidents": len(incidents), "by_act_type": dict(by_act.most_common()),
                    "by_place": dict(by_place.most_common()),
                    "by_month": dict(sorted(by_month.items()))},
        "incidents": incidents,
    }
    report = _report(b, redact, profile, files, evidence_counter)
    return Dossier(data, report, files)


def _place(gazetteer: Gazetteer, place: Any, rule: Any, lang: str,
           text: dict[str, str]) -> str | None:
    if not place:
        return None
    if rule.action not in (Action.KEEP, Action.GENERALISE):
        return text["place_withheld"]  # a place has no pseudonym: dropped
    found = gazetteer.get(str(place)) or gazetteer.resolve(str(place))
    if found is None:
        # Free text cannot be generalised safely: it is withheld.
        return text["place_withheld"] if rule.action is not Action.KEEP else str(place)
    if rule.action is Action.GENERALISE and rule.level is not None:
        coarser = gazetteer.generalise(found.id, rule.level)
        if coarser is None:
            # Nothing at the profile's level contains it (a site with no parent): the
            # place itself would say more than the profile allows.
            return text["place_withheld"]
        found = coarser
    return gazetteer.path(found.id, lang)


def _people(b: _Builder, s: Snapshot, incident_id: str) -> dict[str, list[dict[str, Any]]]:
    victims: list[dict[str, Any]] = []
    perpetrators: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for inv in s.involvements:
        if str(inv["incident"]) != incident_id:
            continue
        person_id, role = str(inv["person"]), str(inv["role"])
        if (person_id, role) in seen or b.person_action.get(person_id) is Action.DROP:
            continue
        seen.add((person_id, role))
        person = s.persons.get(person_id, {})
        entry = {"name": b.labels.get(person_id, b.text["withheld"]),
                 "identity": b.person_action[person_id].value,
                 "sex": person.get("sex", "unknown"), "age": person.get("age"),
                 "is_child": person.get("is_child"),
                 "counting_unit": person.get("counting_unit", "individual"),
                 "group_size": person.get("group_size"),
                 "characteristics": [s.terms.label(str(t), b.language)
                                     for t in person.get("tags", ())]}
        birth_rule = b.profile.rule("person.birth_date").action
        if person.get("birth_date") and b.person_action[person_id] is Action.KEEP:
            if birth_rule is Action.KEEP:
                entry["birth_date"] = person["birth_date"]
            elif birth_rule is Action.GENERALISE:
                entry["birth_year"] = str(person["birth_date"])[:4]
        if b.person_action[person_id] is Action.KEEP and person.get("occupation"):
            entry["occupation"] = person["occupation"]
        if role == "victim":
            victims.append(entry)
        elif role == "alleged-perpetrator":
            perpetrators.append(entry)
    return {"victims": victims, "perpetrators": perpetrators}


def _act(b: _Builder, redact: TextRedactor, act: dict[str, Any], *,
         qualifications: list[dict[str, Any]]) -> dict[str, Any]:
    s, lang = b.s, b.language
    victim = str(act["victim"])
    perpetrators = []
    for p in act.get("perpetrators", ()):
        if p.get("unit"):
            unit = s.units.get(str(p["unit"]), {})
            name = str(unit.get("name", ""))
        else:
            pid = str(p.get("person"))
            if b.person_action.get(pid) is Action.DROP:
                continue
            name = b.labels.get(pid, b.text["withheld"])
        perpetrators.append({"name": name, "involvement": redact.redact(str(p.get("involvement",
                                                                                    ""))),
                             "confidence": p.get("confidence", "medium")})
    return {
        "act_type": s.terms.label(str(act.get("act_type", "")), lang),
        "act_type_code": act.get("act_type"),
        "victim": b.labels.get(victim, b.text["withheld"]),
        "date": act.get("date"),
        "method": redact.redact(str(act.get("method", ""))),
        "consequences": redact.redact(str(act.get("consequences", ""))),
        "status_at_end": redact.redact(str(act.get("status_at_end", ""))),
        "steps_taken": redact.redact(str(act.get("steps_taken", ""))),
        "alleged_perpetrators": perpetrators,
        "legal_qualifications": [{
            "violation": s.terms.label(str(q["term"]), lang), "code": q["term"],
            "legal_reference": (s.terms.get(str(q["term"])).legal_reference  # type: ignore[union-attr]
                                if s.terms.get(str(q["term"])) else ""),
            "standard_of_proof": s.terms.label(str(q["proof"]), lang),
            "rationale": redact.redact(str(q.get("rationale", ""))),
        } for q in qualifications],
    }


def _sources(b: _Builder, s: Snapshot, redact: TextRedactor, incident_id: str,
             profile: Profile) -> list[dict[str, Any]]:
    keep_text = profile.rule("statement.text").action is not Action.DROP
    found = []
    for _id, statement in s.statements:
        if str(statement.get("incident")) != incident_id:
            continue
        source = statement.get("source")
        entry = {
            "source": b.labels.get(str(source), b.text["withheld"]) if source else None,
            "connection": statement.get("connection"), "date": statement.get("date"),
            "language": statement.get("language"),
            "reliability": statement.get("reliability"),
            "credibility": statement.get("credibility"),
            "source_types": [s.terms.label(str(t), b.language) for t in statement.get("tags", ())],
        }
        if keep_text:
            entry["text"] = redact.redact(str(statement.get("text", "")))
        found.append(entry)
    return found


def _released(profile: Profile, attachment: Attachment) -> bool:
    rule = profile.rule("evidence.files")
    return rule.action is not Action.DROP and attachment.media_type in rule.media_types


def _extension(media_type: str) -> str:
    return {"image/jpeg": ".jpg", "image/png": ".png"}.get(media_type, ".bin")


def _report(b: _Builder, redact: TextRedactor, profile: Profile, files: list[ReleasedFile],
            evidence_total: int) -> dict[str, Any]:
    people = Counter((b.person_rule[p], a.value) for p, a in b.person_action.items()
                     if a is not Action.KEEP)
    return {
        "format": "casebook-redaction-report/v1",
        "profile": profile.name,
        "consent_scope": profile.consent_scope.value,
        "rules": {name: {"action": rule.action.value, "requires_consent": rule.requires_consent,
                         "otherwise": rule.otherwise.value,
                         **({"level": rule.level.value} if rule.level else {}),
                         **({"media_types": list(rule.media_types)} if rule.media_types
                            else {})}
                  for name, rule in profile.rules.items()},
        "overrides": [{"rule": o.rule, "reason": o.reason} for o in profile.overrides],
        "people": [{"rule": rule, "action": action, "count": n}
                   for (rule, action), n in sorted(people.items())],
        "free_text_replacements": dict(sorted(redact.counts.items())),
        "always_withheld": ["contact details", "internal notes", "risk notes",
                            "coordinates", "interviewer and interpreter names",
                            "original file names", "evidence collectors and source URLs"],
        "evidence": {"files": evidence_total, "released": len(files),
                     "withheld": evidence_total - len(files),
                     "images_re_encoded_without_metadata": len(files)},
    }
