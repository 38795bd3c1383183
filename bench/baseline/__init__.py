"""The CRUD alternative: a status model with django-simple-history and a timeline table."""
