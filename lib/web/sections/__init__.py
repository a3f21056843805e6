"""web.sections."""
