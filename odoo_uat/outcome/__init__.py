"""The outcome record of a scenario: the business documents it created or changed, read over RPC once it ended,
normalised so that two runs (18.0 and 19.0, before and after a merge) can be compared (`make compare`).

`capture.py` reads, `normalise.py` turns Odoo's values into comparable ones, `files.py` names and writes the
records, `plugin.py` (registered in conftest.py) records each scenario. See docs/upgrade-rehearsal.md.
"""
