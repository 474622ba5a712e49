"""Stage 1: reading a draft into a Document (decoded text and metadata)."""

from checker.source.document import Document
from checker.source.read import iter_paths, read_document

__all__ = ["Document", "iter_paths", "read_document"]
