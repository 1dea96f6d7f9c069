"""The groups of a grouped list or kanban: their names and the record counts Odoo shows in their headers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from odoo_uat.outcome.readings import note
from pages.components.labels import label_list, normalise_label
from pages.components.list_view import MAIN_KANBAN, MAIN_LIST

# A list's group row: <th class="o_group_name">Name (3)</th>, followed by a group pager when the group is
# open and long (web.ListRenderer.GroupRow, 18.0 and 19.0).
LIST_GROUP = f"{MAIN_LIST} tr.o_group_header"
LIST_GROUP_NAME = "th.o_group_name"
# A top-level group's caret carries its depth, 0 at the top (web.ListRenderer.GroupRow, 18.0 and 19.0).
TOP_LEVEL_CARET = '.o_group_caret[style*="--o-list-group-level: 0"]'
# A kanban column: its title, then "(3)" unless the column has a progress bar, whose bars carry the
# group's count as aria-valuemax (web.KanbanHeader, web.ColumnProgress, 18.0 and 19.0).
KANBAN_GROUP = f"{MAIN_KANBAN} .o_kanban_group"
KANBAN_TITLE = ".o_column_title"
KANBAN_BAR = ".o_column_progress [role=progressbar]"
GROUPED = f"{LIST_GROUP}, {KANBAN_GROUP}"
HEADER = re.compile(r"^(?P<name>.*?)\s*\((?P<count>\d+)\)\s*$")
PATH_SEPARATOR = " / "
GROUPS_LISTED = 15
# In the page: whether the outermost groups' counts add up to the count asked (as parse_header and shown read them).
TOTAL_IS = """([listNames, kanbanGroups, kanbanTitle, kanbanBar, wanted]) => {
    const count = (text) => {
        const first = text.split("\\n").map((line) => line.trim()).filter(Boolean)[0] || "";
        const found = first.match(/\\((\\d+)\\)\\s*$/);
        return found ? Number(found[1]) : null;
    };
    let names = [...document.querySelectorAll(listNames)].map((name) => count(name.innerText));
    if (!names.length) {
        names = [...document.querySelectorAll(kanbanGroups)].map((column) => {
            const title = column.querySelector(kanbanTitle);
            const bar = column.querySelector(kanbanBar);
            const shown = title ? count(title.innerText) : null;
            return shown !== null ? shown : Number(bar ? bar.getAttribute("aria-valuemax") : 0);
        });
    }
    return names.length > 0 && names.reduce((sum, n) => sum + (n || 0), 0) === wanted;
}"""


@dataclass(frozen=True)
class Group:
    """One group as its header shows it."""

    name: str
    count: int

    def __str__(self) -> str:
        return f"{self.name} ({self.count})"


def parse_header(text: str) -> Group | None:
    """'Maple Furniture (3)' -> Group('Maple Furniture', 3): a header's first line, or its lines joined; None without a count."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    for candidate in (lines[:1], lines):
        found = HEADER.match(" ".join(candidate))
        if found:
            return Group(found["name"], int(found["count"]))
    return None


def name_pattern(name: str) -> re.Pattern[str]:
    """A group header's text starting with `name`, or with a path ending in it ("All / Saleable")."""
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"^\s*(?:.*\s/\s)?{words}(?:\s*\(\d+\))?\s*$", re.IGNORECASE)


def header_pattern(name: str, count: int) -> re.Pattern[str]:
    """A group header's text: `name` (or a path ending in it) and its count, "(3)"; a group pager may follow."""
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"^\s*(?:.*\s/\s)?{words}\s*\({count}\)", re.IGNORECASE)


def same_group(wanted: str, name: str) -> bool:
    """A group's name reads as `wanted`: the whole name, or the last part of a path ("All / Saleable")."""
    target = normalise_label(wanted)
    return normalise_label(name) == target or normalise_label(name.rsplit(PATH_SEPARATOR, 1)[-1]) == target


def find_group(wanted: str, groups: Sequence[Group]) -> Group | None:
    """The group named `wanted` (exact names first), or None."""
    exact = [group for group in groups if normalise_label(group.name) == normalise_label(wanted)]
    return (exact or [group for group in groups if same_group(wanted, group.name)] or [None])[0]


def listed(groups: Sequence[Group]) -> str:
    """Groups for an error message."""
    more = f" (and {len(groups) - GROUPS_LISTED} more)" if len(groups) > GROUPS_LISTED else ""
    return label_list(str(group) for group in groups[:GROUPS_LISTED]) + more if groups else "no groups"


class Groups:
    """The groups shown by the list or kanban on screen."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def shown(self) -> list[Group]:
        """Every group header on screen (a list's open groups show their subgroups too), in order."""
        try:
            expect(self.page.locator(GROUPED).first).to_be_visible()
        except AssertionError:
            raise AssertionError('The list is not grouped: group it first (When I group by "...").') from None
        groups = [parse_header(text) for text in self.page.locator(f"{LIST_GROUP} {LIST_GROUP_NAME}").all_inner_texts()]
        for column in self.page.locator(KANBAN_GROUP).all():
            title = " ".join(column.locator(KANBAN_TITLE).first.inner_text().split())
            header = parse_header(title)
            if header is None:
                bar = column.locator(KANBAN_BAR).first
                count = int(bar.get_attribute("aria-valuemax") or 0) if bar.count() else 0
                header = Group(title, count)
            groups.append(header)
        return [group for group in groups if group is not None]

    def is_grouped(self) -> bool:
        """Whether the list or kanban on screen shows groups (it is on screen already)."""
        return self.page.locator(GROUPED).count() > 0

    def top_level(self) -> list[Group]:
        """The outermost groups: a list's level-0 group rows, or a kanban's columns."""
        rows = self.page.locator(LIST_GROUP).filter(has=self.page.locator(TOP_LEVEL_CARET))
        if rows.count():
            names = rows.locator(LIST_GROUP_NAME).all_inner_texts()
            return [group for group in map(parse_header, names) if group is not None]
        return self.shown()

    def expect_total(self, count: int) -> None:
        """Wait until the outermost groups count `count` records in all, folded or open."""
        try:
            self.page.wait_for_function(
                TOTAL_IS,
                arg=[
                    f"{LIST_GROUP}:has({TOP_LEVEL_CARET}) {LIST_GROUP_NAME}",
                    KANBAN_GROUP,
                    KANBAN_TITLE,
                    KANBAN_BAR,
                    count,
                ],
            )
            note("records", count)  # what the groups count: the total it was waited for
        except PlaywrightTimeoutError:
            groups = self.top_level()
            total = note("records", sum(group.count for group in groups))
            raise AssertionError(
                f"The grouped list should count {count} record(s) in all but counts {total}: {listed(groups)}."
            ) from None

    def expect_group(self, name: str, count: int) -> None:
        """Wait until the group `name` shows `count` records in its header."""
        named = name_pattern(name)
        in_list = self.page.locator(f"{LIST_GROUP} {LIST_GROUP_NAME}").filter(has_text=header_pattern(name, count))
        columns = self.page.locator(KANBAN_GROUP).filter(has=self.page.locator(KANBAN_TITLE).filter(has_text=named))
        in_kanban = (
            columns.locator(KANBAN_TITLE)
            .filter(has_text=header_pattern(name, count))
            .or_(columns.locator(f'{KANBAN_BAR}[aria-valuemax="{count}"]'))
        )
        try:
            expect(in_list.or_(in_kanban).first).to_be_visible()
        except AssertionError:
            groups = self.shown()
            found = find_group(name, groups)
            if found is None:
                raise AssertionError(f'The list has no group "{name}". Its groups: {listed(groups)}.') from None
            raise AssertionError(
                f'The group "{found.name}" should have {count} record(s) but has {found.count}.'
            ) from None
