"""The rules of a peace process, free of Django: what may happen, in what order, what it means."""
