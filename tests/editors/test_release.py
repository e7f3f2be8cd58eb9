"""The release artifacts that scripts/release.sh built into target/dist (DIGEST_LINT_DIST),
used as a user gets them: the wheel installed into a fresh virtualenv with no cargo on
PATH, the binary archive unpacked, the VS Code .vsix opened; and the release workflow
checked by actionlint."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("DIGEST_LINT_DIST", REPO / "target" / "dist"))
EXAMPLES = REPO / "examples" / "posts"
# The debug build of this checkout: what every packaged binary must agree with.
DEV_BIN = os.environ.get("DIGEST_LINT_BIN", "digest-lint")
BIN = Path(os.environ.get("PRE_COMMIT_BIN", sys.executable)).parent


def one(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    assert len(found) == 1, f"one {pattern} in {DIST}: {found}"
    return found[0]


def findings(binary: str | Path, env: dict[str, str] | None = None) -> list[dict]:
    result = subprocess.run(
        [str(binary), "check", "--output-format", "json", "."],
        cwd=EXAMPLES, capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 1, result.stderr  # the example with mistakes
    return json.loads(result.stdout)


def test_the_wheel_installs_and_runs_without_cargo(tmp_path):
    wheel = one("digest_lint-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run(
        [venv / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index", wheel],
        check=True,
    )
    # Only the virtualenv and the system's programs: no cargo, no rustc, no checkout.
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "NO_COLOR": "1"}
    assert shutil.which("cargo", path=env["PATH"]) is None
    installed = shutil.which("digest-lint", path=env["PATH"])
    assert installed == str(venv / "bin" / "digest-lint")
    version = subprocess.run([installed, "--version"], capture_output=True, text=True, env=env, check=True)
    assert version.stdout.strip() == f"digest-lint {wheel.name.split('-')[1]}"
    assert findings(installed, env) == findings(DEV_BIN)


def test_the_archive_holds_the_binary_and_the_readme(tmp_path):
    archive = one("digest-lint-*.tar.gz")
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path, filter="data")
    folder = tmp_path / archive.name.removesuffix(".tar.gz")
    assert sorted(p.name for p in folder.iterdir()) == ["README.md", "digest-lint"]
    assert findings(folder / "digest-lint") == findings(DEV_BIN)


def test_the_platform_vsix_carries_the_server(tmp_path):
    vsix = one("digest-lint-linux-x64-*.vsix")
    with zipfile.ZipFile(vsix) as z:
        names = set(z.namelist())
        server = z.getinfo("extension/bundled/digest-lint")
        manifest = z.read("extension.vsixmanifest").decode()
        z.extract(server, tmp_path)
    assert 'TargetPlatform="linux-x64"' in manifest, manifest
    assert stat.S_IMODE(server.external_attr >> 16) & 0o111, "the bundled server is executable"
    assert "extension/dist/extension.js" in names
    assert not any(n.startswith(("extension/node_modules/", "extension/src/")) for n in names)
    binary = tmp_path / "extension" / "bundled" / "digest-lint"
    binary.chmod(0o755)
    assert findings(binary) == findings(DEV_BIN)


def test_the_release_workflow_passes_actionlint():
    result = subprocess.run(
        [BIN / "actionlint", "-no-color", REPO / ".github" / "workflows" / "release.yml"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_installs_what_the_release_builds():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    install = readme.split("## Install", 1)[1].split("\n## ", 1)[0]
    order = ["pip install digest-lint", "pipx install digest-lint", "uv tool install digest-lint",
             "code --install-extension digest-lint-linux-x64-", "editors/nvim", "cargo install --path ."]
    positions = [install.find(step) for step in order]
    assert -1 not in positions, dict(zip(order, positions))
    assert positions == sorted(positions), "install paths in the order users reach for them"
    assert "scripts/release.sh" in install
