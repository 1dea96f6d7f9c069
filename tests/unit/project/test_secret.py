"""A Secret (odoo_uat/secret.py) shows masked wherever Python or pytest prints it; its value goes out by reveal()."""

from __future__ import annotations

import copy
import dataclasses
import logging
import pickle

import pytest
from _pytest._code import ExceptionInfo

from odoo_uat.odoo.target import OdooTarget
from odoo_uat.secret import MASKED, Secret, known, remember, revealed

VALUE = "Kx7-staging-admin-pass-8f2c"


def test_a_secret_is_masked_in_repr_str_and_format_and_revealed_on_purpose():
    secret = Secret(VALUE)
    logged = logging.LogRecord("odoo_uat", logging.INFO, __file__, 1, "login with %s", (secret,), None).getMessage()
    shown = [repr(secret), str(secret), f"{secret}", f"{secret:>20}", logged, repr({"password": secret})]
    assert all(VALUE not in text and MASKED in text for text in shown), shown
    assert secret.reveal() == VALUE
    assert Secret(secret).reveal() == VALUE  # wrapping twice changes nothing


def test_secrets_are_equal_and_hashed_by_value_never_equal_to_a_plain_string():
    assert Secret(VALUE) == Secret(VALUE) and hash(Secret(VALUE)) == hash(Secret(VALUE))
    assert Secret(VALUE) != Secret(VALUE + "x")
    assert Secret(VALUE) != VALUE and VALUE != Secret(VALUE)
    assert not Secret("") and Secret(VALUE)


def test_a_secret_is_not_pickled_nor_changed_and_copies_are_itself():
    secret = Secret(VALUE)
    with pytest.raises(TypeError, match="not pickled"):
        pickle.dumps(secret)
    with pytest.raises(AttributeError):
        secret._value = "other"  # type: ignore[misc]
    assert copy.deepcopy(secret) is secret and copy.copy(secret) is secret
    with pytest.raises(TypeError, match="holds a str"):
        Secret(1234)  # type: ignore[arg-type]


def test_every_secret_and_remembered_value_is_known_for_the_scrub():
    Secret("held-as-a-secret-123")
    remember("session-cookie-value-456", None, "", Secret("remembered-secret-789"))
    assert {"held-as-a-secret-123", "session-cookie-value-456", "remembered-secret-789"} <= known()
    assert revealed([Secret(VALUE), "plain-cookie", None]) == [VALUE, "plain-cookie"]


def test_the_targets_password_from_the_settings_is_held_as_a_secret():
    target = OdooTarget(url="https://staging.example.com", db="staging", login="admin", password=VALUE)
    assert isinstance(target.password, Secret) and target.password.reveal() == VALUE
    assert VALUE not in repr(target) and VALUE not in str(dataclasses.asdict(target))
    assert target == OdooTarget(url="https://staging.example.com", db="staging", login="admin", password=VALUE)
    assert dataclasses.replace(target, db="other").password == target.password


def log_in(login: str, password: Secret) -> None:
    raise RuntimeError(f"Odoo refused {login}")


def test_pytest_shows_a_secret_argument_and_local_masked_in_a_long_traceback_with_locals():
    with pytest.raises(RuntimeError) as raised:
        log_in("uat-buyer", Secret(VALUE))
    excinfo: ExceptionInfo = raised
    text = str(excinfo.getrepr(style="long", funcargs=True, showlocals=True))
    assert "password = Secret('******')" in text and VALUE not in text
