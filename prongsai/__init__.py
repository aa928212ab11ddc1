"""Prongsai: integrity and transparency work for Thai local administrative organisations."""

__version__ = "0.1.0"
