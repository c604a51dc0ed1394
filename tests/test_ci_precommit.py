"""The real pre-commit, installed from this checkout's HEAD, blocks a commit with a defect and passes a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # pre-commit builds a virtualenv and pip-installs reportlint: about a minute


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _head_with_manifest() -> str:
    """This checkout's HEAD commit; pre-commit clones it, so only committed files count."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout")
    sha = head.stdout.strip()
    if subprocess.run(["git", "cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml"], cwd=ROOT).returncode != 0:
        pytest.skip("HEAD has no committed .pre-commit-hooks.yaml")
    return sha


def test_pre_commit_blocks_a_defect_and_passes_a_clean_commit(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    sha = _head_with_manifest()
    repo = tmp_path / "reports"
    repo.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
        "PRE_COMMIT_COLOR": "never",
        "REPORTLINT_CACHE_DIR": str(tmp_path / "rl-cache"),
    }
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"]
    assert _run(["git", "init", "-q", "-b", "main"], repo, env).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT.as_posix()}\n    rev: {sha}\n    hooks:\n      - id: reportlint\n", encoding="utf-8"
    )
    installed = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    _run([*git, "add", ".pre-commit-config.yaml"], repo, env)

    (repo / "总结.txt").write_text("关于2023年工作的总结\n要##paidbegin##求全市各单位认真落实。\n", encoding="utf-8")
    _run([*git, "add", "总结.txt"], repo, env)
    blocked = _run([*git, "commit", "-q", "-m", "defect"], repo, env)
    out = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, out
    assert "M101" in out and "reportlint" in out, out
    assert _run(["git", "rev-parse", "-q", "--verify", "HEAD"], repo, env).returncode != 0  # nothing was committed

    (repo / "总结.txt").write_text("关于2023年工作的总结\n要求全市各单位认真落实。\n", encoding="utf-8")
    _run([*git, "add", "总结.txt"], repo, env)
    passed = _run([*git, "commit", "-q", "-m", "clean"], repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr  # the hook ran; it was not skipped for want of files
    assert _run(["git", "rev-parse", "-q", "--verify", "HEAD"], repo, env).returncode == 0
