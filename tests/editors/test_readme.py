"""The README's pre-commit and GitHub Actions snippets are valid as written, and so is
.pre-commit-hooks.yaml: pre-commit's own validators, and check-jsonschema's vendored
schema of GitHub workflows (offline)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("PRE_COMMIT_BIN", "pre-commit")).parent


def yaml_blocks(markdown: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown, re.S)


def block_with(text: str) -> str:
    blocks = [b for b in yaml_blocks((REPO / "README.md").read_text(encoding="utf-8")) if text in b]
    assert len(blocks) == 1, f"one ```yaml block with {text!r} in README.md"
    return blocks[0]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    print(result.stdout, result.stderr)
    return result


def test_hook_manifest_is_valid():
    assert run(BIN / "pre-commit", "validate-manifest", REPO / ".pre-commit-hooks.yaml").returncode == 0


def test_readme_pre_commit_config_is_valid(tmp_path):
    config = tmp_path / ".pre-commit-config.yaml"
    block = block_with("repos:")
    config.write_text(block)
    assert run(BIN / "pre-commit", "validate-config", config).returncode == 0
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text()
    for hook in re.findall(r"- id: (\S+)", block):
        assert f"- id: {hook}\n" in hooks, hook


def test_readme_workflow_is_a_valid_github_workflow(tmp_path):
    workflow = tmp_path / "digest-lint.yml"
    block = block_with("runs-on:")
    workflow.write_text(block)
    result = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow)
    assert result.returncode == 0
    assert "--output-format github" in block and "--output-format sarif" in block
    assert "upload-sarif" in block and "security-events: write" in block
