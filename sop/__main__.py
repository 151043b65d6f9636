import sys

from sop.cli import main

sys.exit(main(sys.argv[1:]))
