"""Prongsai: integrity and transparency work for Thai local government."""

__version__ = "0.1.0"
