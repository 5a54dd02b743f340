"""Benchmarks that print figures against baselines measured in the same run.

`python -m benchmarks` runs them all; see the README's "Benchmarks" section.
"""
