"""Links: URL query strings <-> (filters, language, view), one codec for web, CLI and exports."""
