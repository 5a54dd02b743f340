"""Benchmarks that print figures; run them with `python -m benchmarks.board_capture` (see README)."""
