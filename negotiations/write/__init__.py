"""The write side: commands on the event store (the application), its recorders on Django's
connection, the unit of work, and the reference data recorded directly (actors)."""
