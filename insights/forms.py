"""The dashboard's period picker and the "write an article" form of a content gap."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kb.models import CategoryPage

from .selectors import PERIODS, Period

DEFAULT_DAYS = 30
MAX_DAYS = 400


class PeriodForm(forms.Form):
    range = forms.ChoiceField(
        label=_("Period"), required=False,
        choices=[(str(days), _("Last %(days)s days") % {"days": days}) for days in PERIODS]
        + [("custom", _("Custom"))],
    )
    start = forms.DateField(label=_("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("range") != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("A custom period needs a start and an end date."))
        if start > end:
            raise forms.ValidationError(_("The start date must come before the end date."))
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days.") % {"days": MAX_DAYS}
            )
        return data

    def period(self) -> Period:
        """The chosen period; the last 30 days when nothing (valid) was chosen."""
        if not self.is_bound or not self.is_valid():
            return Period.last_days(DEFAULT_DAYS)
        choice = self.cleaned_data.get("range") or str(DEFAULT_DAYS)
        if choice == "custom":
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return Period.last_days(int(choice))


class GapArticleForm(forms.Form):
    language = forms.ChoiceField(choices=[("nl", "nl"), ("en", "en")], widget=forms.HiddenInput)
    normalised = forms.CharField(max_length=200, widget=forms.HiddenInput)
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=CategoryPage.objects.none(),
        empty_label=_("Choose a category…"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = (
            CategoryPage.objects.filter(locale__language_code="nl").order_by("title")
        )


class GapQuestionForm(forms.Form):
    language = forms.ChoiceField(choices=[("nl", "nl"), ("en", "en")], widget=forms.HiddenInput)
    normalised = forms.CharField(max_length=200, widget=forms.HiddenInput)
