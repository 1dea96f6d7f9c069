"""pytest-bdd step definitions, one module per business area plus the generic ones."""
