"""Allow ``python -m zorgapp``."""

from zorgapp.app import main

raise SystemExit(main())
