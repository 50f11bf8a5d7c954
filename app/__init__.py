"""JXC 进销存: point of sale and back office for Chinese small and medium retailers."""

__version__ = "0.1.0"
