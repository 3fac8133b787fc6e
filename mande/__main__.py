import sys

from mande.cli import main

sys.exit(main())
