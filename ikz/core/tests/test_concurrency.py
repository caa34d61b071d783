"""The three-way merge behind every object several people edit (ikz.core.concurrency)."""

import pytest

from ikz.core.concurrency import MISSING, Conflict, StaleVersionError, merge, retries

BASE = {"done:1": False, "note:1": "", "done:3": False, "note:3": "alt"}


def test_changes_to_different_fields_are_both_kept():
    theirs = {**BASE, "done:1": True}  # the colleague ticked step 1
    mine = {**BASE, "note:3": "neu"}  # I wrote a note on step 3 (page loaded before her save)
    result = merge(base=BASE, mine=mine, theirs=theirs)
    assert result.merged == {**BASE, "done:1": True, "note:3": "neu"}
    assert result.conflicts == []
    assert result.mine_applied == {"note:3"} and result.theirs_applied == {"done:1"}


def test_same_change_on_both_sides_is_no_conflict_and_no_write():
    theirs = mine = {**BASE, "note:1": "gleich"}
    result = merge(base=BASE, mine=mine, theirs=theirs)
    assert result.conflicts == [] and not result.changed and result.merged == theirs


def test_different_changes_to_one_field_are_a_conflict_and_keep_the_stored_value():
    result = merge(base=BASE, mine={**BASE, "note:3": "meins"}, theirs={**BASE, "note:3": "ihres"})
    assert result.conflicts == [Conflict(key="note:3", base="alt", mine="meins", theirs="ihres")]
    assert result.merged["note:3"] == "ihres" and not result.changed


def test_a_field_the_editor_did_not_send_is_left_alone():
    theirs = {**BASE, "note:3": "ihres"}
    result = merge(base=BASE, mine={"done:1": True}, theirs=theirs)
    assert result.merged == {**theirs, "done:1": True}
    assert result.theirs_applied == {"note:3"}


def test_new_field_on_one_side_only():
    result = merge(base={}, mine={"note:9": "neu"}, theirs={})
    assert result.merged == {"note:9": "neu"} and result.mine_applied == {"note:9"}
    assert merge(base={}, mine={}, theirs={"note:9": "x"}).merged == {"note:9": "x"}
    assert not MISSING


def test_retries_end_with_stale_version_error():
    attempts = []
    with pytest.raises(StaleVersionError):
        for attempt in retries(3):
            attempts.append(attempt)
    assert attempts == [0, 1, 2]
