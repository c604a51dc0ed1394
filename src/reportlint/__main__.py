"""``python -m reportlint``: the same as the ``reportlint`` command."""

from reportlint.cli import main

main(prog_name="reportlint")
