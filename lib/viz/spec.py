"""Content digests of frames, for caches keyed by what a figure is made of. Pure Polars."""

from __future__ import annotations

import hashlib

import polars as pl


def frame_digest(frame: pl.DataFrame, *extra: object) -> str:
    """A digest of the frame's schema and rows, and of ``extra`` (by ``repr``).

    Equal frames give equal digests within a process (Polars' row hash with a fixed seed).
    """
    digest = hashlib.blake2b(digest_size=20)
    digest.update(repr((frame.schema, frame.height, extra)).encode())
    if frame.height:
        digest.update(frame.hash_rows(seed=0).to_numpy().tobytes())
    return digest.hexdigest()
