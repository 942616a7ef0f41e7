"""Built-in checks, one module per category; see :mod:`tonecheck.registry`."""
