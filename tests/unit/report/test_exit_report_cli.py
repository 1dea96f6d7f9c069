"""python -m odoo_uat.report on the recorded result sets: verdict line, HTML, Markdown, JSON, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from odoo_uat.report.allure_config import write_allure_config
from odoo_uat.report.cli import main

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "tests" / "data"
MIXED = DATA / "allure-results-mixed"
ALLURE = ROOT / "node_modules" / ".bin" / "allure"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project dir with exit criteria pointing at the recorded requirements, and an Allure report."""
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.odoo-uat.exit-criteria]\nrequirements = "{DATA / "requirements.csv"}"\n', encoding="utf-8"
    )
    (tmp_path / "reports" / "allure-report").mkdir(parents=True)
    (tmp_path / "reports" / "allure-report" / "index.html").write_text("<html></html>", encoding="utf-8")
    return tmp_path


def run_report(project: Path, results: Path = MIXED, *extra: str) -> int:
    """Run the command line against the project."""
    return main(
        [
            "--results",
            str(results),
            "--output",
            str(project / "reports"),
            "--allure-report",
            str(project / "reports" / "allure-report"),
            "--pyproject",
            str(project / "pyproject.toml"),
            *extra,
        ]
    )


def test_it_prints_one_verdict_line_and_the_paths(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_report(project) == 1  # NO-GO
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "UAT exit: NO-GO — 5 of 5 exit criteria are not met"
    assert [Path(line.strip()).name for line in lines[1:]] == ["exit-report.html", "exit-report.md", "exit-report.json"]


def test_the_html_page_shows_the_verdict_first_and_is_self_contained(project: Path) -> None:
    run_report(project)
    html = (project / "reports" / "exit-report.html").read_text(encoding="utf-8")
    banner = html.index('class="verdict nogo"')
    assert banner < html.index("<h2>Why</h2>") < html.index("<h2>Exit criteria</h2>")
    assert "UAT cannot be signed off: 5 of 5 exit criteria are not met" in html
    assert not re.search(r"<script|<link |src=\"http|url\(http", html)
    assert re.search(r'href="allure-report/index\.html#[0-9a-f]{32}"', html)
    assert "module stock_landed_costs is not installed on the Odoo under test" in html
    assert "looks fixed: retest and close the ticket" in html
    assert "P2S-004" in html and "no scenario" in html
    flaky = html.split("<h2>Flaky scenarios</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Reserving stock for a confirmed order" in flaky and '<td class="num">2</td>' in flaky


def test_the_markdown_and_json_carry_the_same_verdict(project: Path) -> None:
    run_report(project)
    markdown = (project / "reports" / "exit-report.md").read_text(encoding="utf-8")
    data = json.loads((project / "reports" / "exit-report.json").read_text(encoding="utf-8"))
    assert markdown.startswith("# UAT exit: ❌ NO-GO")
    assert data["verdict"] == "NO-GO"
    assert [c["met"] for c in data["criteria"]] == [False] * 5
    assert data["totals"] == {"total": 14, "passed": 6, "failed": 6, "skipped": 2, "flaky": 1, "pass_rate": 50.0}
    assert [(f["name"], f["attempts"], f["flaky"]) for f in data["flaky"]] == [
        ("Reserving stock for a confirmed order", 2, True)
    ]
    assert "**1** flaky" in markdown
    flaky_section = markdown.split("## Flaky scenarios", 1)[1].split("\n## ", 1)[0]
    assert "| Reserving stock for a confirmed order | 2 |" in flaky_section
    assert data["run"]["database"] == "uat_sample" and data["run"]["build_url"].endswith("/9876543210")
    [area] = [a for a in data["process_areas"] if a["key"] == "returns"]
    assert (area["in_scope"], area["skipped"], area["pass_rate"]) == (True, 1, None)
    assert {f["category"] for f in data["failures"]} == {
        "Product defects",
        "Known defects",
        "Environment problems",
        "Test problems",
    }
    assert all(f["allure"].startswith("allure-report/index.html#") for f in data["failures"])


def test_no_go_fails_the_command_unless_only_a_report_is_asked_for(project: Path) -> None:
    assert run_report(project, MIXED) == 1
    assert run_report(project, MIXED, "--fail-on-no-go") == 1
    assert run_report(project, MIXED, "--report-only") == 0


def test_go_exits_0(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.odoo-uat.exit-criteria]\n", encoding="utf-8")
    assert run_report(project, DATA / "allure-results-wave1-pass") == 0


def test_shards_given_as_several_folders_make_one_report(project: Path, tmp_path: Path) -> None:
    shards = [tmp_path / "shards" / f"{k}-of-2" / "allure-results" for k in (1, 2)]
    results = sorted(MIXED.glob("*-result.json"))
    for k, shard in enumerate(shards):
        shard.mkdir(parents=True)
        for path in [*results[k::2], MIXED / "environment.properties", MIXED / "executor.json"]:
            shutil.copy(path, shard)
    run_report(project, MIXED)
    whole = json.loads((project / "reports" / "exit-report.json").read_text(encoding="utf-8"))
    run_report(project, shards[0], "--results", str(shards[1]))
    merged = json.loads((project / "reports" / "exit-report.json").read_text(encoding="utf-8"))
    assert merged["verdict"] == whole["verdict"] and merged["totals"] == whole["totals"]
    assert merged["criteria"] == whole["criteria"] and merged["failures"] == whole["failures"]


def test_a_missing_results_folder_stops_with_status_2_and_names_it(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_report(project, MIXED, "--results", str(tmp_path / "3-of-4")) == 2
    assert f"no results folder {tmp_path / '3-of-4'}" in capsys.readouterr().err


def test_no_results_is_no_go_with_the_reason(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty-results"
    empty.mkdir()
    run_report(project, empty)
    assert capsys.readouterr().out.startswith("UAT exit: NO-GO — there are no scenario results to judge")
    html = (project / "reports" / "exit-report.html").read_text(encoding="utf-8")
    assert "No scenario results found in" in html


def test_a_wrong_setting_stops_with_status_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.odoo-uat.exit-criteria]\nmin_pass_rat = 1\n", encoding="utf-8")
    assert run_report(project) == 2
    assert "Unknown exit-criteria key(s): min_pass_rat" in capsys.readouterr().err


def test_without_an_allure_report_there_are_no_dead_links(project: Path) -> None:
    shutil.rmtree(project / "reports" / "allure-report")
    run_report(project)
    assert "index.html#" not in (project / "reports" / "exit-report.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not ALLURE.exists(), reason="the Allure 3 CLI is not installed (npm ci)")
def test_allure_3_renders_the_recorded_results_with_our_config(tmp_path: Path) -> None:
    config = write_allure_config(tmp_path / "allurerc.json", tmp_path / "allure-report", tmp_path / "history.jsonl")
    for _ in range(2):  # twice: the second report has history
        subprocess.run(
            [str(ALLURE), "generate", "--config", str(config), str(MIXED)],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            timeout=300,
        )
    assert (tmp_path / "allure-report" / "index.html").stat().st_size > 100_000
    assert len((tmp_path / "history.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_merged_shards_of_a_changed_run_carry_its_selection(project: Path) -> None:
    shard = project / "reports" / "shards" / "1-of-2"
    shutil.copytree(DATA / "allure-results-wave1-pass", shard / "allure-results")
    (shard / "impact-selection.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "revisions": "base...head",
                "changed_modules": {},
                "affected_modules": {},
                "changed_features": [],
                "suite_code_changed": [],
                "other_changes": [],
                "notes": [],
                "total": 20,
                "deselected": 12,
                "selected": [],
            }
        ),
        encoding="utf-8",
    )

    run_report(project, shard / "allure-results")

    report = json.loads((project / "reports" / "exit-report.json").read_text(encoding="utf-8"))
    assert report["selection"]["revisions"] == "base...head"
