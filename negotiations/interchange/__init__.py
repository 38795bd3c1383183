"""Events in and out of the store as files: NDJSON and CSV import and export, and the demo."""
