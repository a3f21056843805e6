"""Domain logic: pure functions on typed frames, codes and numbers only (no labels, no UI)."""
