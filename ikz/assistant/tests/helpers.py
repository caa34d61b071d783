"""Rules straight from the seed file (no database) and answers with defaults for table-driven tests."""

from functools import cache

from ikz.assistant.checks import Answers, RuleBook


@cache
def book() -> RuleBook:
    from ikz.assistant.loader import rules_unsaved

    return RuleBook(rules_unsaved())


def answers(**given) -> Answers:
    """Answers with every question open unless given; `shown` names each given answer."""
    given.setdefault("partners", [])
    shown = {name: f"Ihre Antwort: {value}" for name, value in given.items() if name != "partners"}
    return Answers(shown=shown, **given)


def condition(result, key: str):
    found = [c for route in result.routes for c in route.conditions if c.rule.key == key]
    assert found, f"{key} not shown"
    return found[0]
