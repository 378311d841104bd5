"""Back-office forms: grant or take points, revert a ledger event."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _


class GrantPointsForm(forms.Form):
    username = forms.CharField(label=_("Member's username"), max_length=150)
    points = forms.IntegerField(
        label=_("Points"), min_value=-10_000, max_value=10_000,
        help_text=_(
            "A positive number waits until a second staff member approves it; a negative "
            "number takes points away at once."
        ),
    )  # fmt: skip
    why = forms.CharField(label=_("Reason"), max_length=300)

    def clean_username(self):
        username = self.cleaned_data["username"]
        try:
            self.cleaned_data["user"] = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise forms.ValidationError(_("No member has that username.")) from None
        return username


class RevertEventForm(forms.Form):
    event = forms.IntegerField(label=_("Ledger event number"), min_value=1)
    why = forms.CharField(label=_("Reason"), max_length=300)


class ReviewReportForm(forms.Form):
    report = forms.IntegerField(label=_("Voting report number"), min_value=1)


class DecideGrantForm(forms.Form):
    grant = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = forms.ChoiceField(
        choices=[("approve", _("Approve")), ("reject", _("Reject"))], widget=forms.HiddenInput
    )
    note = forms.CharField(label=_("Note (needed to reject)"), max_length=300, required=False)
