"""``python -m reportlint.i18n [--check]``: extract, update and compile the catalogue (reportlint.catalogue; needs Babel)."""

import sys

from reportlint.catalogue import main

sys.exit(main())
