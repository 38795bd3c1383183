"""Words of Django's admin and of django-axes that their own catalogues lack in some of the six
languages (Django 5.x's newest, axes' Spanish and Chinese entirely), on pages a superuser
opens: the admin's index, a user's pages, the login attempts. They are listed here only so
that `makemessages` carries them into the project's catalogues, which come before every
package's own (LOCALE_PATHS, as Django documents); where a package has a word in one of the
languages, the project's catalogue gives that same translation, unless the package's is the
English word itself (Django's Arabic "hash" and "salt", django-axes' French and Russian "User
Agent"). Nothing imports this module.

Left English, as Django writes it: the warning Django appends, untranslatable, to the help
text of the admin's password page ("If disabled, the current password for this user will be
lost."), which also fixes that help text in English when the module loads."""

from django.utils.translation import gettext_noop

DJANGO = (
    # django.contrib.admin
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # django.contrib.auth
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, "
        "they may still be able to authenticate using other backends, such as Single Sign-On "
        "or LDAP."
    ),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Reset password"),
    gettext_noop("hash"),
    gettext_noop("salt"),
)

AXES = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
)
