"""Stage 2: normalized text with an offset map back to the author's text."""

from checker.normalize.text import Normalized, fold, normalize

__all__ = ["Normalized", "fold", "normalize"]
