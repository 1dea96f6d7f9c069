"""`make compare BASE=<results folder> HEAD=<results folder>`: the outcome records of two runs (odoo_uat/outcome/),
scenario by scenario: the same, different (which document, which value, before and after), or only in one run.

`settings.py` reads [tool.odoo-uat.compare] (tolerances, what to ignore), `diff.py` compares two records with
DeepDiff, `render.py` writes the terminal lines and the Markdown and HTML reports, `cli.py` is the command.
"""
