"""UI fixtures: a driver for modal windows and a logged-in context on the demo office."""

from __future__ import annotations

from _settings_fixtures import modals  # noqa: F401  (shared fixture)
