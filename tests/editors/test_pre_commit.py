"""The pre-commit hooks of .pre-commit-hooks.yaml under the real pre-commit.

Each test makes a throw-away git repository (a Jekyll site) and runs
`pre-commit try-repo <this repository> <hook> --all-files` in it, which builds
digest-lint the way a user's pre-commit does (`language: rust`: `cargo install`).
The repository is first copied, with its uncommitted changes, into a snapshot commit,
so one test session builds it once. To keep that build quick, the release profile is
turned into a debug-like one through CARGO_PROFILE_RELEASE_* variables and the cargo
target folder is kept under $CARGO_TARGET_DIR/editors (warm after the first run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR") or REPO / "target")
PRE_COMMIT = Path(os.environ.get("PRE_COMMIT_BIN", "pre-commit"))
CLEAN = (REPO / "examples/posts/_posts/2025-08-31-clean-digest.md").read_text(encoding="utf-8")
POST = "_posts/2025-08-31-daily-papers.md"


def bad_post() -> str:
    """The clean post with a stray quote in the title, a run of spaces in a paper
    title and an http link: every one has a safe fix."""
    text = CLEAN.replace('title: "Daily Papers — 2025-08-31"', "title: Daily Papers — 2025-08-31\"", 1)
    text = text.replace("Pairwise Preference Rewards", "Pairwise  Preference   Rewards", 1)
    text = text.replace("(https://arxiv.org/abs/2508.20722)", "(http://arxiv.org/abs/2508.20722)", 1)
    assert text != CLEAN
    return text


def unfixable_post() -> str:
    """The clean post without the first paper's Limitations section (DL204: only an
    unsafe fix)."""
    start = CLEAN.index("## Limitations")
    end = CLEAN.index("## Conclusion", start)
    return CLEAN[:start] + CLEAN[end:]


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> Path:
    """This repository as one commit: tracked and untracked (not ignored) files as they
    are in the work tree."""
    snapshot = tmp_path_factory.mktemp("hook-repo")
    files = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, snapshot / name)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot


def pre_commit_env() -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "PRE_COMMIT_HOME": str(TARGET / "editors/pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
        "CARGO_TARGET_DIR": str(TARGET / "editors/pre-commit-build"),
        "CARGO_PROFILE_RELEASE_OPT_LEVEL": "0",
        "CARGO_PROFILE_RELEASE_DEBUG": "false",
        "CARGO_PROFILE_RELEASE_INCREMENTAL": "true",
        "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "256",
        "CARGO_TERM_QUIET": "true",
    })
    return env


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    """A throw-away git repository with these files staged (and a _config.yml)."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: Daily Papers\n")
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    git(root, "init", "-q")
    git(root, "add", "-A")
    return root


def try_repo(root: Path, hook_repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(hook_repo), hook, "--all-files", "--color", "never"],
        cwd=root, env=pre_commit_env(), capture_output=True, text=True, timeout=900,
    )
    print(run.stdout, run.stderr)
    return run


# Each try-repo clones the repository into a new folder, so cargo compiles the
# digest-lint crate again (about 15 s): the scenarios share runs.


def test_check_fails_fix_repairs_and_only_posts_are_touched(tmp_path, hook_repo):
    readme = "# My blog\n\nNotes, no front matter.\n"
    others = {
        "README.md": readme,
        "_drafts/2025-09-02-draft.md": bad_post(),
        "_posts/archive/2019-01-01-old.md": bad_post(),
        "digest-lint.toml": '[files]\nexclude = ["_posts/archive/**"]\n',
    }
    root = site(tmp_path, {POST: bad_post(), **others})

    # The check hook fails on the bad post, and only on it.
    run = try_repo(root, hook_repo, "digest-lint")
    assert run.returncode == 1
    assert "digest-lint" in run.stdout and "Failed" in run.stdout
    for code in ("DL107", "DL401", "DL302"):
        assert f"{POST}:" in run.stdout and code in run.stdout, code
    for name in ("README.md", "_drafts/", "_posts/archive/"):
        assert name not in run.stdout, name
    assert (root / POST).read_text(encoding="utf-8") == bad_post(), "the check hook changed the post"

    # The fix hook repairs it; pre-commit fails a hook that modified files (the user
    # looks at the change and commits again).
    run = try_repo(root, hook_repo, "digest-lint-fix")
    assert run.returncode == 1
    assert "files were modified by this hook" in run.stdout
    assert (root / POST).read_text(encoding="utf-8") == CLEAN
    for name, text in others.items():
        assert (root / name).read_text(encoding="utf-8") == text, name

    # Now the good post passes, and the files that are not posts are not checked.
    git(root, "add", "-A")
    run = try_repo(root, hook_repo, "digest-lint")
    assert run.returncode == 0
    assert "Passed" in run.stdout


def test_fix_hook_fails_on_what_it_cannot_fix_safely(tmp_path, hook_repo):
    root = site(tmp_path, {POST: unfixable_post()})
    run = try_repo(root, hook_repo, "digest-lint-fix")
    assert run.returncode == 1
    assert "DL204" in run.stdout and "files were modified" not in run.stdout
    assert (root / POST).read_text(encoding="utf-8") == unfixable_post()
