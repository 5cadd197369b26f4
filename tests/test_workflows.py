"""The GitHub Actions workflows are valid (JSON schema) and safe (zizmor: pinned actions,
least-privilege permissions, no persisted credentials)."""

import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FIXTURES = Path(__file__).parent / "fixtures" / "workflows"


def schema(*files: Path) -> subprocess.CompletedProcess:
    command = [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def zizmor(*files: Path) -> subprocess.CompletedProcess:
    command = [BIN / "zizmor", "--offline", "--no-progress", "--persona", "pedantic", *files]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_there_are_deploy_and_drift_workflows():
    assert {w.name for w in WORKFLOWS} == {"deploy.yml", "torch-drift.yml"}


@pytest.mark.parametrize("check", [schema, zizmor])
def test_workflows_pass(check):
    result = check(*WORKFLOWS)
    assert result.returncode == 0, f"{result.stdout}{result.stderr}"


def test_invalid_workflow_fails_naming_the_file():
    result = schema(FIXTURES / "invalid.yml")
    assert result.returncode == 1
    assert "invalid.yml" in result.stdout
    assert "runs_on" in result.stdout


def test_unsafe_workflow_fails_naming_file_and_rule():
    result = zizmor(FIXTURES / "unsafe.yml")
    assert result.returncode != 0
    assert "unsafe.yml" in result.stdout
    assert "unpinned-uses" in result.stdout
    assert "excessive-permissions" in result.stdout
