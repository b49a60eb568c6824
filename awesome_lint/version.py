"""The version, at the bottom of the layers: the package face, the link checker's User-Agent and
the SARIF report all read it here."""

__version__ = "0.1.0"
