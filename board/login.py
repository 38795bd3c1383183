"""A reader's login, for a tracker whose reads are not public (`PUBLIC_READS` off): Django's
own `LoginView` on a board page. Pages sent the reader to the admin's login, which takes staff
accounts only: a reader the board may show itself to (`may_read`) was told to use "a staff
account" (an outside reader's test). Failed logins count towards django-axes' lockout here as
on the admin's (its backend authenticates both)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


class ReaderLogin(auth_views.LoginView):
    template_name = "board/login.html"
    # Without a `next` of this site: the board (the admin's lands on the admin).
    next_page = "board:process-list"


reader_login = ReaderLogin.as_view()


def reader_logout(request: HttpRequest) -> HttpResponse:
    """Its page asks (a button, with the reader's own CSRF token: a board page in a shared
    cache carries none), and Django's `LogoutView` logs out, back to the login. A reader
    had no way out: the admin's logout sends a non-staff user to the admin, logged in (a
    review)."""
    if request.method == "POST":
        return auth_views.LogoutView.as_view(next_page="board:login")(request)
    if not request.user.is_authenticated:  # nobody to log out: the login
        return redirect("board:login")
    return render(request, "board/logout.html")


def reads_private(request: HttpRequest) -> dict[str, bool]:
    """Template context: whether reads are private (`PUBLIC_READS` off): the board's pages
    then link the reader's logout, and its login says why it is asked."""
    return {"reads_private": not settings.PUBLIC_READS}
