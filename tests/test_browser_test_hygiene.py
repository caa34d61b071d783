"""Browser tests must wait for what they check.

`locator.is_visible()` answers at once; right after a click that loads a page it reads the old page
or none, so `assert locator.is_visible()` passes or fails by timing (two such tests failed in CI on
a loaded machine). Playwright's `expect(locator).to_be_visible()` retries until it holds. This test
keeps the racy form out of every test module.
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RACY = re.compile(r"\bassert\b[^\n#]*\.is_(visible|hidden)\(\)")


def test_no_browser_test_asserts_an_instant_visibility_reading():
    offenders = []
    for path in [*ROOT.glob("ikz/**/tests/*.py"), *ROOT.glob("tests/*.py"), ROOT / "conftest.py"]:
        if path == Path(__file__).resolve():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if RACY.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "expect(…).to_be_visible() statt assert ….is_visible():\n" + "\n".join(offenders)


def test_the_pattern_catches_the_form_that_failed():
    assert RACY.search('    assert page.get_by_role("alert").is_visible()')
    assert RACY.search("        assert not filters.locator('summary').is_visible(), path")
    assert not RACY.search('    expect(page.get_by_role("alert")).to_be_visible()')
