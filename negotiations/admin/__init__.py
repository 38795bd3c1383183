"""The desk: the Django admin's registrations (`registry`), the record and amend views
(`views`) and their forms (`forms`). Django's autodiscovery imports this package."""

from negotiations.admin import registry  # noqa: F401
