from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from samhandlingsmodell.search import search_model
from samhandlingsmodell.selectors import navigation


def search(request: HttpRequest) -> HttpResponse:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    query = request.GET.get("q", "")
    groups = search_model(municipality, request.user, query)
    return render(
        request,
        "samhandlingsmodell/search.html",
        {
            "query": query.strip(),
            "groups": groups,
            "result_count": sum(len(group.results) for group in groups),
            "nav_pages": navigation(municipality),
        },
    )
