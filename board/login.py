"""A reader's login, for a tracker whose reads are not public (`PUBLIC_READS` off): Django's
own `LoginView` on a board page. Pages sent the reader to the admin's login, which takes staff
accounts only: a reader the board may show itself to (`may_read`) was told to use "a staff
account" (an outside reader's test). Failed logins count towards django-axes' lockout here as
on the admin's (its backend authenticates both)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views


class ReaderLogin(auth_views.LoginView):
    template_name = "board/login.html"
    # Without a `next` of this site: the board (the admin's lands on the admin).
    next_page = "board:process-list"


reader_login = ReaderLogin.as_view()
