"""The public board: thin views over `board.selectors`, rendered by Django templates."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from negotiations.domain.errors import InvalidEvent, ProcessNotFound
from negotiations.domain.registry import STATUSES_WITH_CAUSES
from negotiations.domain.specs import FUTURE_TOLERANCE, parse_date
from negotiations.domain.vocabulary import Status
from negotiations.presentation.refusals import say_again
from negotiations.presentation.timeline_svg import status_bands_svg
from negotiations.read import agreements as agreement_reads
from negotiations.read import selectors as core
from tracker import i18n, links
from tracker.queries import Choice

from . import page_parts, pagecache, presenters
from . import selectors as board
from .agreement_items import actor_slugs, agreement_items
from .http import changed_or_today, not_modified, public_read, stamp, validators

PAGE_SIZE = 50
TIMELINE_PAGE_SIZE = 50
STATUSES = [s.value for s in Status]
STATUS = Choice(
    "status",
    STATUSES,
    gettext_lazy("There is no status '%(status)s': choose one of %(statuses)s."),
    listed="statuses",
    label=presenters.status_label,
)
SORT_LABELS = {
    "name": gettext_lazy("Name"),
    "last_change": gettext_lazy("Last change"),
    "overdue": gettext_lazy("Overdue first"),
}
SORT = Choice(
    "sort",
    board.SORTS,
    gettext_lazy("There is no order '%(sort)s': choose one of %(sorts)s."),
    listed="sorts",
    label=lambda sort: str(SORT_LABELS[sort]),
)
# The query parameters each page reads, in the order its links give them: the page's cache
# key and its links hold these only (`pagecache.page_query`).
LIST_PARAMETERS = ("status", "conflict", "q", "overdue", "sort", "page")
PAGE_PARAMETERS = ("as_of", "history", "order", "page")
TRUE = ("1", "on", "true")


def _page_number(value: str) -> str:
    """A page number as the pager reads it ("01", " 1" and "+1" are page 1: none given)."""
    try:
        number = int(value)
    except ValueError:
        return value  # no page: a 404, never kept
    return "" if number == 1 else str(number)


def _day_text(value: str) -> str:
    """A date as the page reads it (" 2016-02-03 " is 2016-02-03)."""
    try:
        day = parse_date(value.strip())
    except ValueError:
        return value  # no date: a 400, never kept
    return day.isoformat() if day else value.strip()


# Values each page reads alike, as one (the page cache's key and the pages' own links hold
# that one): any other is the parameter not given.
LIST_MEANS = {
    "q": str.strip,
    "overdue": lambda v: "true" if v in TRUE else "",
    "sort": lambda v: "" if v == "name" else v,
    "page": _page_number,
}
PAGE_MEANS = {
    "as_of": _day_text,
    "history": lambda v: v if v == "raw" else "",
    "order": lambda v: v if v == "newest" else "",
    "page": _page_number,
}
LIST_COLUMNS = (
    *("slug", "name", "names", "actor_names", "conflict", "status", "mediators"),
    *("expected_resumption_on", "expected_resumption_precision"),
    *("status_since", "status_since_precision", "last_event_on", "last_event_on_precision"),
)


def _csv_url(*, status: str, conflict: str, q: str, overdue: bool) -> str:
    """The API's CSV of the processes the list shows (the same filters)."""
    query = QueryDict(mutable=True)
    query["format"] = "csv"
    if status:
        query["status"] = status
    if conflict:
        query["conflict"] = conflict
    if q:
        query["q"] = q
    if overdue:
        query["overdue"] = "true"
    return f"{reverse('api:process-list')}?{query.urlencode()}"


def _without_page(query: QueryDict) -> str:
    """The page's query string (`pagecache.page_query`) without `page`, for the pager's links
    to add their own."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


def _languages(request: HttpRequest, query: QueryDict) -> list[dict]:
    """The language links of a kept page: its address with the query it reads."""
    return i18n.page_languages(request, pagecache.page_path(request, query))


def _page_or_404(rows, per_page: int, query: QueryDict, request: HttpRequest) -> Page:
    """The page asked for (`query`, as the page reads it); a page that is not a number or past
    the last answers 404, as Django's list views do (never another page's content under the
    asked-for address), naming the page as the reader typed it."""
    try:
        return Paginator(rows, per_page).page(query.get("page") or 1)
    except InvalidPage:
        typed = request.GET.get("page")
        raise Http404(_("There is no page '%(number)s'.") % {"number": typed}) from None


def _process_or_404(slug: str):
    try:
        return board.process_for_board(slug)
    except ProcessNotFound:
        raise Http404(_("No process '%(slug)s'.") % {"slug": slug}) from None


@public_read()
def process_list(request: HttpRequest) -> HttpResponse:
    """Every process: status, since when, overdue, last change; filters and search."""
    errors: list[str] = []
    status = STATUS.read(request, errors)
    sort = SORT.read(request, errors) or "name"
    query = pagecache.page_query(request, LIST_PARAMETERS, LIST_MEANS)  # the rest, as read
    conflict, q, overdue = query.get("conflict", ""), query.get("q", ""), "overdue" in query
    changed, count, events = board.board_freshness()
    registry = core.registry_stamp()  # the names it shows
    etag, last = validators(
        *("list", changed, count, events, core.today(), sorted(query.items())),
        last=changed_or_today(changed, core.today()),
        registry=registry,
    )
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    key = pagecache.key_for("list", changed, count, events, registry, query=query)
    kept = pagecache.cached(key)
    if kept is not None:
        return stamp(kept, etag, last)
    rows = board.board_processes(status=status, conflict=conflict, q=q, overdue=overdue, sort=sort)
    rows = rows.only(*LIST_COLUMNS)  # not the causes, parties and description it never shows
    page = _page_or_404(rows, PAGE_SIZE, query, request)
    processes = list(page.object_list)
    slugs = {m for p in processes for m in p.mediators}
    names = board.actor_names(slugs)
    today = core.today()
    agreements = agreement_reads.by_process([p.pk for p in processes])
    # Rows as plain strings: the template only prints them (50 rows of `{% url %}` and
    # date filters cost more than the queries).
    base = reverse("board:process-list")
    items = [page_parts.list_item(p, names, agreements, today, base) for p in processes]
    response = render(
        request,
        "board/process_list.html",
        {
            "page": page,
            "items": items,
            "total": count,
            "statuses": [(s, presenters.status_label(s)) for s in STATUSES],
            "conflicts": board.conflicts(),
            "chosen": {
                "status": status,
                "conflict": conflict,
                "q": q,
                "overdue": overdue,
                "sort": sort,
            },
            "sorts": SORT_LABELS,
            "filtered": bool(status or conflict or q or overdue),
            "query": _without_page(query),
            "page_languages": _languages(request, query),
            "csv_url": _csv_url(status=status, conflict=conflict, q=q, overdue=overdue),
            "errors": errors,
        },
        status=400 if errors else 200,
    )
    # A search that finds nothing is made again each time, not kept: kept under every string
    # anyone types, such pages would push the useful ones out of the shared cache.
    kept_under = None if not processes and (q or conflict) else key
    return stamp(pagecache.keep(kept_under, response), etag, last)


@public_read()
def process_page(request: HttpRequest, slug: str) -> HttpResponse:
    """One process: status and its stated causes, the picture with its table, the timeline,
    and the status on a date the reader picks."""
    process = _process_or_404(slug)
    query = pagecache.page_query(request, PAGE_PARAMETERS, PAGE_MEANS)  # as the page reads it
    raw, newest_first = "history" in query, "order" in query
    as_of_text = query.get("as_of", "").strip()
    errors = []
    as_of = None
    if as_of_text:
        try:
            as_of = parse_date(as_of_text)
        except ValueError as e:
            errors.append(
                _("The date '%(text)s' is not a date: %(reason)s")
                % {"text": as_of_text, "reason": say_again(e.args[0])}
            )
    registry = core.registry_stamp()  # the names it shows
    parts = (process.pk, process.version, process.updated_at)
    etag, last = validators(
        *("process", *parts, core.today(), sorted(query.items())),
        last=changed_or_today(process.updated_at, core.today()),
        registry=registry,
    )
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    key = pagecache.key_for("process", *parts, registry, query=query)
    kept = pagecache.cached(key)
    if kept is not None:
        return stamp(kept, etag, last)

    periods = core.status_periods(process)
    timeline = _page_or_404(
        board.timeline_page(process, raw=raw, newest_first=newest_first),
        TIMELINE_PAGE_SIZE,
        query,
        request,
    )
    rows = list(timeline.object_list)
    agreements = list(agreement_reads.of_process(process))
    titles = {a.slug: a.title for a in agreements}
    slugs = board.actors_on_page(process, periods, rows, raw=raw)
    slugs |= actor_slugs(agreements) | {t["actor"] for t in process.third_parties}
    names = board.actor_names(slugs)
    # Each actor as the process's events name it in the reader's language, where they do,
    # wherever the page names it (an analyst's outside test found the Russian name in the
    # summary only, and the English one in the causes, the timeline and the agreements).
    spoken = presenters.names_in_language(names, process.actor_names)
    shown = presenters.process_shown(process)  # its name in the reader's language
    on_date = None
    if as_of:
        try:
            on_date = core.status_as_of(process, as_of=as_of)
        except InvalidEvent as refused:
            errors.extend(say_again(m) for messages in refused.errors.values() for m in messages)
    response = render(
        request,
        "board/process_page.html",
        {
            "process": process,
            "overdue": core.is_overdue(process),
            "names": names,
            "shown": shown,
            "shown_html": presenters.name_html(shown),
            # Mediators, parties and third parties as the process's events name them in the
            # reader's language, each list with what stands between its names.
            **page_parts.summary_names(process, names, spoken),
            "causes": page_parts.causes_items(process.status_causes, spoken),
            "takes_causes": process.status in STATUSES_WITH_CAUSES,
            "agreements": agreement_items(agreements, names),  # each names its actors so
            "picture": status_bands_svg(
                periods,
                today=core.today(),
                title=_("Status of %(process)s over time")
                % {"process": presenters.isolated(shown.name)},
                names=spoken,
                table_id="periods",
            ),
            "periods": page_parts.period_rows(periods, spoken),
            "isolated_name": presenters.isolated(shown.name),  # the <title>'s
            # Every date with a precision is shown as precise as it is known.
            "status_since": presenters.status_since(
                process.status,
                presenters.since_words(process.status_since, process.status_since_precision),
            ),
            "last_event": presenters.show_date(
                process.last_event_on, process.last_event_on_precision
            ),
            "expected": presenters.on_date(
                process.expected_resumption_on, process.expected_resumption_precision
            ),
            "timeline": timeline,
            "events": [
                page_parts.event_item(row, raw=raw, names=spoken, titles=titles) for row in rows
            ],
            "raw": raw,
            "newest_first": newest_first,
            "timeline_query": _without_page(query),
            "page_languages": _languages(request, query),
            "as_of": as_of_text,
            "as_of_max": core.today() + FUTURE_TOLERANCE,  # the API's limit too
            "on_date": on_date,
            **page_parts.on_date_context(on_date, spoken),
            "errors": errors,
            "feed_url": reverse("board:process-feed", args=[process.slug]),
            "calendar_url": reverse("board:process-calendar", args=[process.slug]),
            "subscribe_url": f"{reverse('board:subscribe')}?process={process.slug}",
            "api_url": reverse("api:process-detail", args=[process.slug]),
            "raw_api_url": reverse("api:process-events", args=[process.slug]) + "?raw=true",
        },
        status=400 if errors else 200,
    )
    # A date before the process began says only that: made each time, never kept under each
    # of the thousands of such dates anyone may ask for.
    before_it = on_date is not None and not on_date.status
    kept_under = None if before_it else key
    return stamp(pagecache.keep(kept_under, response), etag, last)


@public_read()
def subscribe(request: HttpRequest) -> HttpResponse:
    """How to follow the tracker (or one process, `?process=SLUG`): the Atom feed in a feed
    reader, the calendar in Google, Apple or Outlook (a `webcal:` link opens the reader's own
    calendar app, subscribed)."""
    slug = request.GET.get("process", "").strip()
    process = _process_or_404(slug) if slug else None
    if process is not None:
        feed = reverse("board:process-feed", args=[process.slug])
        calendar = reverse("board:process-calendar", args=[process.slug])
        agreements = reverse("board:process-agreements-feed", args=[process.slug])
    else:
        feed, calendar = reverse("board:status-changes-feed"), reverse("board:calendar")
        agreements = reverse("board:agreements-feed")
    # SITE_URL when set (the address readers know), else this request's own.
    feed_url, calendar_url = links.absolute(feed, request), links.absolute(calendar, request)
    webcal_url = "webcal://" + calendar_url.split("://", 1)[1]
    # Its ETag and Last-Modified, as every page's (a feed reader's outside test found none):
    # the process it names as it stands, or the board's last change, and the links' address.
    if process is not None:  # the name: its version
        parts: tuple[object, ...] = ("subscribe", process.pk, process.version, feed_url)
        etag, last = validators(*parts, settings.PUBLIC_READS, last=process.updated_at)
    else:
        changed = board.board_freshness()[0]
        etag, last = validators("subscribe", changed, feed_url, settings.PUBLIC_READS, last=changed)
    cached = not_modified(request, etag, last)
    if cached is not None:
        return cached
    response = render(
        request,
        "board/subscribe.html",
        {
            "process": process,
            # Its name in the reader's language, as its own page says it.
            "shown_name": presenters.process_shown(process).name if process else "",
            "isolated_name": presenters.process_name_text(process) if process else "",
            "feed_url": feed_url,
            "public_reads": settings.PUBLIC_READS,
            "agreements_feed_url": links.absolute(agreements, request),
            "calendar_url": calendar_url,
            "webcal_url": webcal_url,
            "google_url": "https://calendar.google.com/calendar/render?"
            + urlencode({"cid": webcal_url}),
        },
    )
    return stamp(response, etag, last)
