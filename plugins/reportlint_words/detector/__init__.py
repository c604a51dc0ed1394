"""The statistical typo detector behind T201 (numpy): model file, tokens, features, candidates, guards.

Imported only when T201 checks a text (statistical.py) and by scripts/build_typo_model.py.
"""
