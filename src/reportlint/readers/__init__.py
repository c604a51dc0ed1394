"""Readers turn a file's bytes into a Document; one module per format."""

from __future__ import annotations

#: File suffixes the built-in readers take; other files in a folder are skipped.
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
