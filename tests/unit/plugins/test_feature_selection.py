"""Feature files named on the command line: a path that names no file says which one was likely meant."""

from __future__ import annotations

import pytest

from odoo_uat.plugins.feature_selection import _feature_arg


@pytest.fixture
def features(tmp_path, monkeypatch):
    folder = tmp_path / "features"
    for name in ("procure_to_stock/receipt_to_putaway.feature", "order_to_cash/quote_to_ship.feature"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("Feature: x\n")
    monkeypatch.chdir(tmp_path)
    return folder


def test_a_feature_in_another_folder_is_named(features):
    with pytest.raises(pytest.UsageError) as error:
        _feature_arg("features/procure_to_pay/receipt_to_putaway.feature", features)
    assert str(error.value) == (
        "features/procure_to_pay/receipt_to_putaway.feature: no such feature file."
        " Did you mean features/procure_to_stock/receipt_to_putaway.feature?"
    )


def test_a_misspelled_name_is_matched_to_the_closest_file(features):
    with pytest.raises(pytest.UsageError, match=r"Did you mean features/order_to_cash/quote_to_ship.feature\?"):
        _feature_arg("features/order_to_cash/quote_to_shipp.feature:12", features)


def test_with_nothing_close_it_says_where_the_feature_files_are(features):
    with pytest.raises(pytest.UsageError, match=r"no such feature file. The feature files are under .*features\."):
        _feature_arg("features/payroll.feature", features)


def test_an_existing_feature_and_its_line_are_selected(features):
    assert _feature_arg("features/order_to_cash/quote_to_ship.feature:3", features) == (
        features / "order_to_cash/quote_to_ship.feature",
        3,
    )
