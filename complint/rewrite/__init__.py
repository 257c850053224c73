"""Rewrites (design.md §1): applying a rule's fix to the original text. Not implemented yet; the
package exists so that `pip install` finds every package listed in pyproject.toml."""
