"""Binds every feature file under features/ as pytest tests (one test per scenario)."""
from pytest_bdd import scenarios

scenarios(".")
