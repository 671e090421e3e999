"""``python -m deskgame`` runs the same command line as the ``deskgame`` script."""

import sys

from deskgame.cli import main

sys.exit(main())
