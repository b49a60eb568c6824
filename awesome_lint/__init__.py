"""awesome-lint: keeps curated paper lists correct."""

__version__ = "0.1.0"
