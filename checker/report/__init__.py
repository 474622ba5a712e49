"""Stage 6: reporters, one module per output format."""
