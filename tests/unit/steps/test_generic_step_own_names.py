"""A record's own name typed in the web client is made unique to the scenario; other values are typed as written."""

from __future__ import annotations

from dataclasses import dataclass, field

from odoo_uat.odoo.names import RECORD_NAME, ScenarioNames
from odoo_uat.web.session import FieldInfo
from steps.ui_steps import own_name


@dataclass
class FakeForm:
    """Stands for a LabelledForm: which field a label names, and the model's fields."""

    labels: dict[str, str]
    fields: dict[str, FieldInfo] = field(
        default_factory=lambda: {
            RECORD_NAME: FieldInfo(RECORD_NAME, "Name", "char"),
            "ref": FieldInfo("ref", "Reference", "char"),
        }
    )

    def field_name(self, label: str) -> str:
        return self.labels[label]


def test_the_records_name_gets_the_scenarios_suffix_and_is_found_again_by_the_scenarios_name() -> None:
    names = ScenarioNames("k3x9-1")
    typed = own_name(FakeForm({"Name": RECORD_NAME}), "Name", "Elm Studio", names)
    assert typed == "Elm Studio k3x9-1"
    assert names.real("Elm Studio") == typed


def test_other_fields_and_names_of_seeded_records_are_typed_as_written() -> None:
    names = ScenarioNames("k3x9-1")
    seeded = names.unique("Acme Retail")
    form = FakeForm({"Name": RECORD_NAME, "Reference": "ref"})
    assert own_name(form, "Reference", "ELM-77", names) == "ELM-77"
    assert own_name(form, "Name", "Acme Retail", names) == "Acme Retail"  # real() gives the seeded one
    assert names.real("Acme Retail") == seeded


def test_a_name_that_is_not_text_is_left_alone() -> None:
    form = FakeForm({"Name": RECORD_NAME}, {RECORD_NAME: FieldInfo(RECORD_NAME, "Name", "many2one")})
    assert own_name(form, "Name", "Elm Studio", ScenarioNames("t")) == "Elm Studio"
