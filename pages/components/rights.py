"""Why a button a scenario names is missing: an access right or a group the acting user lacks, and the fix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from xml.etree import ElementTree

from odoo_uat.web.session import WebSession
from pages.components.labels import normalise_label

# The buttons Odoo shows only to users with an access right on the screen's model.
OPERATION_BUTTONS = {
    "create": ("new", "create", "duplicate", "import records"),
    "write": ("save", "edit", "archive", "unarchive"),
    "unlink": ("delete",),
}
OPERATION_WORDS = {"create": "create", "write": "change", "unlink": "delete"}
ACCESS_FLAGS = {"create": "perm_create", "write": "perm_write", "unlink": "perm_unlink"}
VIEW_TYPES = ["form", "list", "kanban"]
GROUPS_LISTED = 3  # groups offered as a fix


def operation_of(label: str) -> str | None:
    """The access right ('create', 'write', 'unlink') a button with this label needs, if it is one of those."""
    wanted = normalise_label(label)
    return next((operation for operation, labels in OPERATION_BUTTONS.items() if wanted in labels), None)


def button_groups(arch: str, label: str) -> list[str]:
    """The groups (XML ids) that buttons labelled `label` in a view's arch are restricted to."""
    try:
        root = ElementTree.fromstring(arch)
    except ElementTree.ParseError:
        return []
    wanted = normalise_label(label)
    groups: list[str] = []
    for button in root.iter("button"):
        if normalise_label(button.get("string") or "") == wanted and button.get("groups"):
            groups += [group.strip() for group in button.get("groups", "").split(",") if group.strip()]
    return list(dict.fromkeys(group for group in groups if not group.startswith("!")))


@dataclass(frozen=True)
class MissingRight:
    """A right the acting user lacks, and the groups that would grant it."""

    what: str
    groups: tuple[str, ...]

    def advice(self, role: str, roles_file: str = "roles.toml") -> str:
        """The sentence for the failure message: the right, and the roles-file change that grants it."""
        if not self.groups:
            return f'The "{role}" {self.what}.'
        choices = " or ".join(f'"{group}"' for group in self.groups[:GROUPS_LISTED])
        return f'The "{role}" {self.what}: add {choices} to the groups of ["{role}"] in {roles_file} to grant it.'


class RightsInspector:
    """Reads, as the administrator, which right or group a user lacks for a button on a model's screens."""

    def __init__(self, odoo, user: WebSession) -> None:
        self.odoo = odoo
        self.user = user

    def _xml_ids(self, group_ids: Iterable[int]) -> tuple[str, ...]:
        rows = self.odoo.env["ir.model.data"].search_read(
            [("model", "=", "res.groups"), ("res_id", "in", list(group_ids))], ["module", "name", "res_id"]
        )
        return tuple(dict.fromkeys(f"{row['module']}.{row['name']}" for row in rows))

    def _user_groups(self) -> set[str]:
        uid = self.user.user_context.get("uid")
        field = "group_ids" if "group_ids" in self.odoo.env["res.users"].fields_get(["group_ids"]) else "groups_id"
        ids = self.odoo.env["res.users"].read([uid], [field])[0][field]
        return set(self._xml_ids(ids))

    def missing(self, model: str, label: str) -> MissingRight | None:
        """The right the user lacks for the button labelled `label` on `model`'s screens, if any."""
        operation = operation_of(label)
        if operation and not self.user.call(model, "has_access", [], operation):
            access = self.odoo.env["ir.model.access"].search_read(
                [("model_id.model", "=", model), (ACCESS_FLAGS[operation], "=", True), ("group_id", "!=", False)],
                ["group_id"],
            )
            groups = self._xml_ids(row["group_id"][0] for row in access)
            return MissingRight(
                f'may not {OPERATION_WORDS[operation]} records of {model} ("{label}" needs the '
                f"{operation} access right)",
                groups,
            )
        views = self.odoo.env["ir.ui.view"].search_read(
            [("model", "=", model), ("type", "in", VIEW_TYPES)], ["arch_db"]
        )
        needed = list(dict.fromkeys(g for view in views for g in button_groups(view["arch_db"] or "", label)))
        if needed and not set(needed) & self._user_groups():
            return MissingRight(f'is not in a group the "{label}" button of {model} needs', tuple(needed))
        return None
