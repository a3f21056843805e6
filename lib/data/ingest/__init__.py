"""data.ingest."""
