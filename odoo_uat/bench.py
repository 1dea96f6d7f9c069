"""`python -m odoo_uat.bench`: time the stages of a UAT run against the configured Odoo.

Stages: getting a server (embedded: clone the template and boot; existing: nothing), the RPC
login, seeding one scenario's data (customer, product, stock: the quote-to-ship Background),
a role's browser login (cold, then warm), and optionally the whole suite. Figures go to the
terminal and to reports/bench.json; nothing here asserts a time.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def timed(figures: dict[str, float], name: str) -> Iterator[None]:
    """Add the wall time of the block, in seconds, to figures[name]."""
    start = time.perf_counter()
    yield
    figures[name] = round(time.perf_counter() - start, 3)


def seed_once(odoo, token: str) -> None:
    """The quote-to-ship Background: one customer, one storable product, ten units on hand."""
    from fixtures import factories
    from fixtures.lookup import find_one

    factories.CustomerFactory(name=f"Bench customer {token}")
    product = factories.ProductFactory(name=f"Bench product {token}", list_price=45.0, standard_price=30.0)
    stock = find_one(odoo, "stock.location", "WH/Stock", field="complete_name")
    factories.put_on_hand([(product, stock, 10)])


def browser_logins(target, odoo, figures: dict[str, float]) -> None:
    """A role's logged-in state, made twice: the first may build Odoo's asset bundles."""
    from playwright.sync_api import sync_playwright

    from fixtures.browser import ROOT_CHROMIUM_ARGS, VIEWPORT, RoleStates, playwright_has_chromium, system_chromium
    from fixtures.odoo_compat import compat_for
    from fixtures.odoo_data import RoleUsers
    from odoo_uat.roles import Roles
    from odoo_uat.settings import load_settings

    users = RoleUsers(odoo, compat_for(odoo), Roles(load_settings(ROOT).roles_file), target)
    role, password = users.ensure("Sales coordinator")
    launch = {} if playwright_has_chromium() else {"executable_path": system_chromium(), "args": ROOT_CHROMIUM_ARGS}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch)
        for name in ("role login (cold)", "role login (warm)"):
            states = RoleStates(browser, {"base_url": target.url, "viewport": VIEWPORT}, target)
            with timed(figures, name):
                states.state(role, password)
        browser.close()


def run_suite(target, workers: int, figures: dict[str, float]) -> dict[str, int]:
    """The whole suite against the running server, as a subprocess; its counts from JUnit XML."""
    junit = ROOT / "reports" / "bench-junit.xml"
    command = [sys.executable, "-m", "pytest", "features", "-q", "-p", "no:randomly",
               f"--odoo-url={target.url}", f"--odoo-db={target.db}", f"--junitxml={junit}"]
    if workers > 1:
        command += ["-n", str(workers)]
    env = {**os.environ, "ODOO_LOGIN": target.login, "ODOO_PASSWORD": target.password}
    with timed(figures, f"suite (-n {workers})"):
        subprocess.run(command, cwd=ROOT, env=env, check=False)
    suite = ElementTree.parse(junit).getroot().find("testsuite")
    return {key: int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m odoo_uat.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="how many times to time the seeding (median shown)")
    parser.add_argument("--suite", action="store_true", help="also run the whole suite once and time it")
    parser.add_argument("-n", "--workers", type=int, default=1, help="xdist workers for --suite")
    args = parser.parse_args(argv)

    from odoo_uat.embedded import EmbeddedOdoo
    from odoo_uat.names import new_run_id
    from odoo_uat.rpc import connect
    from odoo_uat.settings import SettingsError, load_settings
    from odoo_uat.target import OdooTarget
    from fixtures import factories

    settings = load_settings(ROOT)
    try:
        settings.check()
    except SettingsError as error:
        print(f"odoo-uat bench: {error}", file=sys.stderr)
        return 2
    figures: dict[str, float] = {}
    result: dict[str, object] = {"mode": settings.mode, "figures": figures}
    with ExitStack() as stack:
        if settings.mode == "embedded":
            server = EmbeddedOdoo.from_settings(settings, progress=lambda message: print(f"  {message}"))
            with timed(figures, "server ready (embedded: template clone + boot)"):
                target = stack.enter_context(server)
        else:
            target = OdooTarget(settings.url, settings.db, settings.login, settings.password or "")
        with timed(figures, "rpc login"):
            odoo = connect(target)
        result["odoo"] = odoo.version
        factories.bind(odoo)
        rounds = []
        for _ in range(args.rounds):
            start = time.perf_counter()
            seed_once(odoo, new_run_id(6))
            rounds.append(time.perf_counter() - start)
        figures["seed one scenario (median)"] = round(statistics.median(rounds), 3)
        browser_logins(target, odoo, figures)
        if args.suite:
            result["suite"] = run_suite(target, args.workers, figures)
    width = max(map(len, figures))
    print(f"\nOdoo {result['odoo']} ({'embedded' if settings.mode == 'embedded' else 'existing'} server)")
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds:8.2f} s")
    if "suite" in result:
        print(f"  suite counts: {result['suite']}")
    out = ROOT / "reports" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"  written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
