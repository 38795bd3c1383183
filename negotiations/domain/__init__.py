"""The rules of a peace process, free of Django: what may happen, in which order, and what it means."""
