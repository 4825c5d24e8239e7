"""SAKIP Desktop core: domain rules, storage and operations (never imports Qt)."""

__version__ = "0.1.0"
