from sop.cli import run

run()
