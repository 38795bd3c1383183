"""Unsubscribing: the link in every digest works without logging in; the token is the key.

GET shows a one-button page the reader presses (mail scanners follow links, some in a
browser that runs scripts, and must not unsubscribe anybody);
POST unsubscribes, which is also what mail clients do with List-Unsubscribe-Post (RFC 8058).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .models import FREQUENCY_WORDS, Subscription

NO_SUCH_SUBSCRIPTION = gettext_lazy("No such subscription.")


@csrf_exempt  # the secret token in the URL is what authorises the request
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    if request.method == "POST":
        subscription = services.subscription_unsubscribe(token=token)
        if subscription is None:
            raise Http404(NO_SUCH_SUBSCRIPTION)
        with translation.override(subscription.language):  # the digest's own language
            response = render(request, "digests/unsubscribed.html", {"subscription": subscription})
        return in_its_language(response, subscription)
    subscription = Subscription.objects.filter(unsubscribe_token=token).first()
    if subscription is None:
        raise Http404(NO_SUCH_SUBSCRIPTION)
    with translation.override(subscription.language):
        frequency = FREQUENCY_WORDS.get(subscription.frequency, subscription.frequency)
        response = render(
            request,
            "digests/unsubscribe.html",
            {"subscription": subscription, "frequency": frequency},
        )
    return in_its_language(response, subscription)


def in_its_language(response: HttpResponse, subscription: Subscription) -> HttpResponse:
    """The page is in the digest's language, whatever the request asked: its header says so
    (the locale middleware would otherwise say the request's)."""
    response["Content-Language"] = subscription.language
    return response
