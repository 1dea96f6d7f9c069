"""Migration reconciliation: a legacy system's extract (CSV) compared with what Odoo holds, domain by domain.

`domains.py` says what each data domain's extract holds (its key and compared columns), `extract.py` reads an
extract, `odoo_side.py` reads the same domain from Odoo (read-only), `reconcile.py` compares them (every mismatch,
missing and extra record) and writes the evidence, `mock_load.py` seeds Odoo from an extract (the mock load of a
test run). The phrases are in steps/migration_steps.py; docs/upgrade-rehearsal.md tells how to use them.
"""
