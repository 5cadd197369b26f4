"""The GitHub Actions workflows are valid (JSON schema) and safe (zizmor: pinned actions,
least-privilege permissions, no persisted credentials), and each job asks for exactly the
permissions listed here (zizmor accepts a job's `contents: write`; a reviewer reads this list)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tools import installed
from tools.pages import ROOT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FIXTURES = Path(__file__).parent / "fixtures" / "workflows"
# Every permission each workflow and each of its jobs may have, and nothing else. Widening one
# is a decision: change it here, in the same commit, with the reason in the workflow's comment.
PERMISSIONS = {
    "deploy.yml": {
        "": {},  # the workflow's default for its jobs: none
        "test": {"contents": "read", "pages": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    },
    "torch-drift.yml": {"": {}, "drift": {"contents": "read"}},
}


def permissions(workflow: Path) -> dict[str, object]:
    """The permissions of the workflow ("") and of each job, as written."""
    text = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    found = {"": text.get("permissions")}
    found.update({name: job.get("permissions") for name, job in text["jobs"].items()})
    return found


def permission_problems(workflow: Path, allowed: dict[str, dict]) -> list[str]:
    lines = workflow.read_text(encoding="utf-8").splitlines()
    problems = []
    for job, given in permissions(workflow).items():
        if given == allowed.get(job):
            continue
        where = next((n for n, line in enumerate(lines, 1) if job and line.strip() == f"{job}:"), 1)
        what = f"job '{job}'" if job else "the workflow"
        problems.append(
            f"{workflow.name}:{where}: {what} has permissions {given}, the allowed ones are "
            f"{allowed.get(job)}\n  fix: give it only these, or widen the list in "
            "tests/test_workflows.py (PERMISSIONS) on purpose"
        )
    return problems


def schema(*files: Path) -> subprocess.CompletedProcess:
    command = [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def zizmor(*files: Path) -> subprocess.CompletedProcess:
    command = [BIN / "zizmor", "--offline", "--no-progress", "--persona", "pedantic", *files]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_every_workflow_has_its_permissions_listed():
    """A new workflow is checked like the others only once PERMISSIONS says what it may do; a
    listed one that is gone would leave its entry unchecked."""
    assert [w.name for w in WORKFLOWS] == sorted(PERMISSIONS)


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


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_each_job_has_only_its_listed_permissions(workflow):
    assert permission_problems(workflow, PERMISSIONS[workflow.name]) == []


def test_a_widened_job_permission_fails(tmp_path):
    """M25a: the test job given `contents: write`, which zizmor's pedantic persona accepts."""
    deploy = ROOT / ".github" / "workflows" / "deploy.yml"
    text = deploy.read_text(encoding="utf-8")
    old = "contents: read  # to check out the repository"
    widened = tmp_path / "deploy.yml"
    widened.write_text(text.replace(old, "contents: write"), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "test:")
    assert permission_problems(widened, PERMISSIONS["deploy.yml"]) == [
        f"deploy.yml:{line}: job 'test' has permissions {{'contents': 'write', 'pages': 'read'}}, "
        "the allowed ones are {'contents': 'read', 'pages': 'read'}\n  fix: give it only these, "
        "or widen the list in tests/test_workflows.py (PERMISSIONS) on purpose"
    ]


# --- One list of system packages: .ci/system-packages.txt, installed by .ci/run, which CI runs ---

CI = ROOT / ".ci"


def listed_packages() -> list[tuple[str, str]]:
    """(package, what shows it installed) for each line of .ci/system-packages.txt."""
    lines = (CI / "system-packages.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split()) for line in lines if line.strip() and not line.startswith("#")]


def test_ci_runs_ci_run_and_installs_nothing_itself():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text("utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["test"]["steps"]]
    assert ".ci/run" in runs
    assert [run for run in runs if "apt-get" in run or "make test" in run] == []


@pytest.mark.parametrize("browser", [False, True], ids=["chromium", "CHROMIUM-set"])
def test_ci_run_installs_the_missing_packages_of_the_list(tmp_path, browser):
    """.ci/run, on a machine with none of the listed commands (apt-get, sudo and make recorded,
    not run), installs what the list names, a line added to it included, then runs make test; a
    browser named by CHROMIUM stands in for Debian's Chromium."""
    (tmp_path / ".ci").mkdir()
    shutil.copy2(CI / "run", tmp_path / ".ci" / "run")
    listed = [
        (package, "/no/such/chromium" if package == "chromium" else probe)
        for package, probe in listed_packages()
    ]
    listed.append(("a-package-only-in-the-list", "no-such-command"))
    text = "".join(f"{package} {probe}\n" for package, probe in listed)
    (tmp_path / ".ci" / "system-packages.txt").write_text(f"# a comment\n\n{text}")
    stubs, log = tmp_path / "bin", tmp_path / "called.txt"
    stubs.mkdir()
    for name in ("apt-get", "make", "sudo"):
        (stubs / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {log}\n')
        (stubs / name).chmod(0o755)
    for name in ("bash", "dirname", "id", "env"):  # what the script runs besides those
        (stubs / name).symlink_to(shutil.which(name))
    env = {"PATH": str(stubs), **({"CHROMIUM": str(stubs / "bash")} if browser else {})}
    result = subprocess.run([stubs / "bash", tmp_path / ".ci" / "run"], env=env, check=False)
    assert result.returncode == 0
    missing = [package for package, probe in listed if not Path(probe).exists()]
    if browser:
        missing.remove("chromium")
    sudo = "" if os.getuid() == 0 else "sudo "
    assert log.read_text().splitlines() == [
        f"{sudo}apt-get update -qq",
        f"{sudo}apt-get install -y -qq --no-install-recommends {' '.join(missing)}",
        "make test",
    ]


def test_every_program_a_test_requires_is_in_the_list():
    listed = {package for package, _ in listed_packages()}
    for need in installed.NEEDS:
        named = need.install.split("apt-get install ", 1)[-1].rstrip(")").split()
        assert set(named) <= listed, need
