"""Preventie met gezag dashboard: data, metrics, charts and maps (plain Python)."""
