"""Redaction profiles: declarative data, one per mechanism (docs/dossiers.md).

A profile says, per rule, whether a value is kept, pseudonymised, generalised or
dropped, and which consent scope unlocks it. The safe defaults below are a floor: a
profile that would protect less than them is refused, unless it lists an explicit
override with a reason; overrides are written into the audit trail and the dossier's
redaction report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from typing import Any

from casebook.domain.errors import NewerFormatError, ValidationError
from casebook.domain.records import ConsentScope, PlaceLevel

FORMAT = "casebook-profile/v1"
SHIPPED = ("special-procedures", "commission-of-inquiry", "iiim", "public-report")


class Action(StrEnum):
    KEEP = "keep"
    GENERALISE = "generalise"
    PSEUDONYMISE = "pseudonymise"
    DROP = "drop"


#: How much each action protects (higher is safer).
STRENGTH = {Action.KEEP: 0, Action.GENERALISE: 1, Action.PSEUDONYMISE: 2, Action.DROP: 3}

PLACE_LEVELS = (PlaceLevel.COUNTRY, PlaceLevel.GOVERNORATE, PlaceLevel.DISTRICT,
                PlaceLevel.SUB_DISTRICT, PlaceLevel.COMMUNITY, PlaceLevel.SITE)

RULES = (
    "victim.identity", "child.identity", "sexual_violence_survivor.identity",
    "witness.identity", "source.identity", "interviewer.identity", "perpetrator.identity",
    "intervening_party.identity", "person.contact", "person.notes", "person.birth_date",
    "incident.notes", "act.notes", "place", "coordinates", "statement.text",
    "evidence.files", "evidence.collected_by", "evidence.source_url",
)


@dataclass(frozen=True)
class Rule:
    action: Action
    requires_consent: bool = False  # keep only with consent for the profile's scope
    otherwise: Action = Action.DROP  # what happens without consent
    level: PlaceLevel | None = None  # for "place": generalise to this level
    media_types: tuple[str, ...] = ()  # for "evidence.files": which files are released

    def effective(self, consented: bool) -> Action:
        if self.requires_consent and not consented:
            return self.otherwise
        return self.action


#: The floor no profile may go below without an explicit, recorded override.
SAFE_DEFAULTS: dict[str, Rule] = {
    "witness.identity": Rule(Action.DROP),
    "source.identity": Rule(Action.DROP),
    "interviewer.identity": Rule(Action.DROP),
    "person.contact": Rule(Action.DROP),
    "person.notes": Rule(Action.DROP),
    "incident.notes": Rule(Action.DROP),
    "act.notes": Rule(Action.DROP),
    "child.identity": Rule(Action.PSEUDONYMISE),
    "sexual_violence_survivor.identity": Rule(Action.PSEUDONYMISE),
    "victim.identity": Rule(Action.KEEP, requires_consent=True, otherwise=Action.PSEUDONYMISE),
    "place": Rule(Action.GENERALISE, level=PlaceLevel.DISTRICT),
    "coordinates": Rule(Action.DROP),
}


@dataclass(frozen=True)
class Override:
    rule: str
    reason: str


@dataclass(frozen=True)
class Profile:
    name: str
    title: dict[str, str]
    consent_scope: ConsentScope
    rules: dict[str, Rule]
    overrides: tuple[Override, ...] = field(default=())

    def rule(self, name: str) -> Rule:
        return self.rules[name]

    def label(self, language: str) -> str:
        return self.title.get(language) or self.title.get("en") or self.name


def _weaker(rule: Rule, floor: Rule) -> bool:
    """Whether ``rule`` protects less than ``floor`` in any case."""
    for consented in (False, True):
        if STRENGTH[rule.effective(consented)] < STRENGTH[floor.effective(consented)]:
            return True
    if floor.level is not None:
        wanted = PLACE_LEVELS.index(floor.level)
        given = PLACE_LEVELS.index(rule.level) if rule.level is not None else len(PLACE_LEVELS)
        if rule.action is Action.GENERALISE and given > wanted:
            return True
    return False


def parse_profile(data: Any, *, source: str = "profile") -> Profile:
    if not isinstance(data, dict):
        raise ValidationError(f"{source}: a profile is one JSON object.")
    declared = data.get("format")
    if declared != FORMAT:
        if isinstance(declared, str) and declared.startswith("casebook-profile/"):
            raise NewerFormatError(f"{source} is in format {declared}; update Casebook.")
        raise ValidationError(f"{source}: format: expected \"{FORMAT}\".")
    try:
        scope = ConsentScope(data["consent_scope"])
    except (KeyError, ValueError):
        raise ValidationError(f"{source}: consent_scope: one of "
                              f"{', '.join(s.value for s in ConsentScope)}.") from None
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, dict):
        raise ValidationError(f"{source}: rules: an object of rules is required.")
    rules: dict[str, Rule] = {}
    for name in RULES:
        raw = raw_rules.get(name)
        if raw is None:
            raise ValidationError(f"{source}: rules.{name}: missing; every rule must be "
                                  "stated (no silent defaults).")
        rules[name] = _rule(raw, f"{source}: rules.{name}")
    unknown = set(raw_rules) - set(RULES)
    if unknown:
        raise ValidationError(f"{source}: rules.{sorted(unknown)[0]}: not a rule Casebook "
                              "knows.")
    overrides = _overrides(data.get("overrides", []), source)
    overridden = {o.rule for o in overrides}
    for name, floor in SAFE_DEFAULTS.items():
        if _weaker(rules[name], floor) and name not in overridden:
            raise ValidationError(
                f"{source}: rules.{name} protects less than Casebook's safe default "
                f"({floor.action.value}). Add an override with a reason if this is truly "
                "intended; it will be recorded in the audit trail and the redaction report.")
    title = data.get("title", {})
    if not isinstance(title, dict) or not all(isinstance(v, str) for v in title.values()):
        raise ValidationError(f"{source}: title: an object of language -> text.")
    return Profile(str(data.get("name", "")), dict(title), scope, rules, overrides)


def _overrides(raw: Any, source: str) -> tuple[Override, ...]:
    if not isinstance(raw, list):
        raise ValidationError(f"{source}: overrides: a list of {{rule, reason}}.")
    found = []
    for item in raw:
        if not (isinstance(item, dict) and item.get("rule")
                and str(item.get("reason", "")).strip()):
            raise ValidationError(f"{source}: overrides: each needs a rule and a reason.")
        if item["rule"] not in SAFE_DEFAULTS:
            raise ValidationError(f"{source}: overrides: {item['rule']} is not a safe "
                                  "default; only those need (or take) an override.")
        found.append(Override(str(item["rule"]), str(item["reason"]).strip()))
    return tuple(found)


def _rule(raw: Any, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise ValidationError(f"{where}: an object with an action.")
    try:
        action = Action(raw["action"])
        otherwise = Action(raw.get("otherwise", "drop"))
        level = PlaceLevel(raw["level"]) if raw.get("level") else None
    except (KeyError, ValueError):
        raise ValidationError(f"{where}: action is one of keep, generalise, pseudonymise, "
                              "drop.") from None
    return Rule(action, bool(raw.get("requires_consent", False)), otherwise, level,
                tuple(str(m) for m in raw.get("media_types", ())))


def shipped_profile(name: str) -> Profile:
    if name not in SHIPPED:
        raise ValidationError(f"There is no profile \"{name}\"; choose one of "
                              f"{', '.join(SHIPPED)}.")
    raw = resources.files("casebook.export").joinpath(f"profiles/{name}.json").read_bytes()
    return parse_profile(json.loads(raw), source=f"{name}.json")
