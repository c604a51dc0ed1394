"""Readers turn a file's bytes into a Document; one module per format."""

from __future__ import annotations

#: File suffixes the built-in readers take; other files in a folder are skipped.
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".ofd", ".doc", ".wps")
#: Formats that are read but never written: a PDF or OFD is a print image, a .doc or .wps is
#: read through a converted copy. --fix and --diff refuse them.
READ_ONLY_FORMATS = frozenset({"pdf", "ofd", "doc", "wps"})
