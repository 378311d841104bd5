"""The first-reply target, in calendar hours or in business hours (weekends skipped)."""

import datetime as dt
import zoneinfo

from support.sla import Promise, due_at, state_of

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
BUSINESS = Promise(hours=8, business_only=True, start=dt.time(9), end=dt.time(17))


def at(day, hour, minute=0):
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=AMS)  # 1 December 2026 is a Tuesday


def test_without_business_hours_every_hour_counts():
    assert due_at(at(4, 16), Promise(hours=8)) == at(5, 0)


def test_business_hours_continue_the_next_working_day(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert due_at(at(1, 13), BUSINESS) == at(2, 13)  # 4 h Tuesday + 4 h Wednesday


def test_a_friday_afternoon_ticket_is_due_on_monday(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert due_at(at(4, 15), BUSINESS) == at(7, 15)  # 2 h Friday, weekend skipped, 6 h Monday


def test_a_weekend_ticket_starts_counting_on_monday_morning(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    assert due_at(at(5, 11), BUSINESS) == at(7, 17)
    assert due_at(at(4, 20), BUSINESS) == at(7, 17)  # after hours on Friday


def test_states():
    promise = Promise(hours=8)
    created = at(1, 9)
    assert state_of(created=created, first_response=None, promise=promise,
                    now=at(1, 10)).state == "on_track"
    assert state_of(created=created, first_response=None, promise=promise,
                    now=at(1, 16)).state == "at_risk"
    assert state_of(created=created, first_response=None, promise=promise,
                    now=at(1, 18)).breached
    assert state_of(created=created, first_response=at(1, 12), promise=promise,
                    now=at(3, 9)).state == "met"
    assert state_of(created=created, first_response=at(1, 20), promise=promise).breached


def test_a_ticket_on_saturday_is_not_breached_on_sunday_in_business_hours(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    state = state_of(created=at(5, 10), first_response=None, promise=BUSINESS, now=at(6, 23))
    assert state.state == "on_track"
