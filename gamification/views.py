"""Public pages: the badges and the leaderboards; and dismissing badge notices."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import selectors, services


def badges(request):
    listings = selectors.badge_catalogue(viewer=request.user)
    return render(request, "gamification/badges.html", {"listings": listings})


def leaderboard(request):
    period = request.GET.get("period", "week")
    if period not in selectors.PERIODS:
        period = "week"
    tag = request.GET.get("tag", "")[:50]
    product = request.GET.get("product", "")[:100]
    rows = selectors.leaderboard(period=period, tag=tag, product=product)
    return render(
        request,
        "gamification/leaderboard.html",
        {"rows": rows, "period": period, "tag": tag, "product": product},
    )


@require_POST
@login_required
def awards_seen(request):
    services.mark_awards_seen(user=request.user)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("gamification:badges")
    return redirect(target)
