"""Seed the assistant's rules and funding figures from data/regeln.toml.

Creates what is missing and never overwrites a row the Redaktion has edited (like
`task_areas_sync`); the data migration passes its historical models.
"""

import tomllib
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "regeln.toml"

_RULE_FIELDS = (
    "kind", "form", "title", "text", "text_met", "text_not_met", "text_unclear",
    "threshold", "weight", "excludes", "source", "sort_order",
)  # fmt: skip


def rules_data(path: Path = DATA_FILE) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def rules_sync(*, rule_model=None, programme_model=None, path: Path = DATA_FILE) -> int:
    """Create the rules and programmes of `path` that do not exist yet; returns how many were created."""
    if rule_model is None or programme_model is None:
        from .models import FundingProgramme, Rule

        rule_model, programme_model = rule_model or Rule, programme_model or FundingProgramme
    data = rules_data(path)
    default_stand = data["defaults"]["stand"]
    created = 0
    for entry in data.get("rule", []):
        defaults = _rule_defaults(entry, default_stand)
        _obj, was_created = rule_model.objects.get_or_create(key=entry["key"], defaults=defaults)
        created += was_created
    for entry in data.get("programme", []):
        defaults = {name: value for name, value in entry.items() if name != "key"}
        _obj, was_created = programme_model.objects.get_or_create(key=entry["key"], defaults=defaults)
        created += was_created
    return created


def _rule_defaults(entry: dict, default_stand) -> dict:
    defaults = {name: entry[name] for name in _RULE_FIELDS if name in entry}
    defaults["check_area"] = entry["check"]
    defaults["citations"] = "\n".join(entry.get("citations", []))
    defaults["stand"] = entry.get("stand", default_stand)
    return defaults


def rules_unsaved(path: Path = DATA_FILE) -> list:
    """The rules of the file as unsaved rows (for tests of the checks without a database)."""
    from decimal import Decimal

    from .models import Rule

    data = rules_data(path)
    rules = []
    for entry in data.get("rule", []):
        defaults = _rule_defaults(entry, data["defaults"]["stand"])
        if defaults.get("threshold") is not None:
            defaults["threshold"] = Decimal(defaults["threshold"])
        rules.append(Rule(key=entry["key"], **defaults))
    return rules


def programme_unsaved(path: Path = DATA_FILE):
    from decimal import Decimal

    from .models import FundingProgramme

    entry = dict(rules_data(path)["programme"][0])
    for name in (
        "base_amount",
        "per_further_partner",
        "cross_border_amount",
        "cap_percent",
        "min_savings_percent",
    ):
        entry[name] = Decimal(entry[name])
    return FundingProgramme(**entry)
