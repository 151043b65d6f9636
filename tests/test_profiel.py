from sop.checks.suite import *  # noqa: F401,F403
