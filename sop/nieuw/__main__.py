import sys

from sop.nieuw import main

sys.exit(main(sys.argv[1:]))
