"""Stage 1: reading a draft into a Document (decoded text and metadata)."""

from checker.source.document import Document
from checker.source.read import DEFAULT_MAX_BYTES, iter_paths, read_document

__all__ = ["DEFAULT_MAX_BYTES", "Document", "iter_paths", "read_document"]
