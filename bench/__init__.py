"""Benchmarks: `jxc bench [NAMES...] [--scale tiny|small|full] [--json FILE]`."""
