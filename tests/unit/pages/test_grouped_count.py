"""A grouped list's record count: its outermost groups' counts added up, folded or open (18.0 and 19.0 markup)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from pages.components.form import no_form_message
from pages.components.groups import Groups


@pytest.fixture
def blank_page(blank_page: Page) -> Page:
    """The blank page, whose waits give up after 2 s: the failing checks wait this long for a total that never comes."""
    blank_page.set_default_timeout(2000)
    return blank_page


def group_row(name: str, count: int, level: int) -> str:
    return (
        f'<tr class="o_group_header"><th class="o_group_name"><div><span class="o_group_caret fa" '
        f'style="--o-list-group-level: {level}"></span>{name} ({count})</div></th></tr>'
    )


def test_a_grouped_list_counts_its_outermost_groups_only(blank_page: Page) -> None:
    rows = group_row("Maple", 3, 0) + group_row("Draft", 2, 1) + group_row("Sent", 1, 1) + group_row("Oak", 4, 0)
    blank_page.set_content(f'<div class="o_action_manager"><div class="o_list_view"><table>{rows}</table></div></div>')
    groups = Groups(blank_page)
    assert groups.is_grouped()
    groups.expect_total(7)
    with pytest.raises(AssertionError, match=r"should count 9 record\(s\) in all but counts 7: .*Maple \(3\)"):
        groups.expect_total(9)


def test_a_kanban_counts_its_columns(blank_page: Page) -> None:
    columns = "".join(
        f'<div class="o_kanban_group"><span class="o_column_title">{name} ({count})</span></div>'
        for name, count in (("New", 2), ("Won", 5))
    )
    blank_page.set_content(f'<div class="o_action_manager"><div class="o_kanban_view">{columns}</div></div>')
    Groups(blank_page).expect_total(7)


def test_an_ungrouped_list_is_not_grouped(blank_page: Page) -> None:
    blank_page.set_content('<div class="o_action_manager"><div class="o_list_view"><table></table></div></div>')
    assert not Groups(blank_page).is_grouped()


def test_a_form_phrase_on_a_list_names_the_row_phrases(blank_page: Page) -> None:
    blank_page.set_content('<div class="o_action_manager"><div class="o_list_view">Oak Supplies</div></div>')
    assert 'on the row "<text>"' in no_form_message(blank_page)
    blank_page.set_content('<div class="o_action_manager"></div>')
    assert "open a record first" in no_form_message(blank_page)
