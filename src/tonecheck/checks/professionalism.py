"""Professionalism checks (filled in by their issue; the registry reads ``CHECKS``)."""

from __future__ import annotations

from tonecheck.checks.base import Check

CHECKS: list[type[Check]] = []
