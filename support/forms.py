"""The contact form's two steps, the conversation forms and the survey form."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from community import images

from .conf import attachment_max_bytes, max_attachments
from .models import Topic
from .services.tickets import Upload

ORDER_NUMBER = re.compile(r"^\d{6,10}$")
POSTCODE = re.compile(r"^\d{4}\s?[A-Za-z]{2}$")
PDF_MAGIC = b"%PDF-"


class StepOneForm(forms.Form):
    """Step 1: what it is about. Nothing personal yet."""

    topic = forms.ModelChoiceField(label=_("What is it about?"), queryset=Topic.objects.none(),
                                   empty_label=None, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Describe your question"), min_length=10, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"min_length": _("Tell us a little more (at least 10 characters)."),
                        "required": _("Describe your question so we can help.")},
    )
    postcode = forms.CharField(
        label=_("Postcode (optional)"), required=False, max_length=10,
        help_text=_("For delivery questions: we show disruptions in your region."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = Topic.objects.active()

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip().upper()
        if value and not POSTCODE.match(value):
            raise ValidationError(_("A postcode looks like 1234 AB."))
        return value


class FollowUpForm(forms.Form):
    """On "Dit lost mijn vraag op", for visitors without an account."""

    email = forms.EmailField(required=False, max_length=254)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


def checked_upload(upload) -> Upload:
    """A picture re-encoded through community's safe image path, or a PDF whose first bytes
    say it is one and whose size is within the limit; anything else is refused."""
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        if upload.size > attachment_max_bytes():
            raise ValidationError(
                _("%(name)s is %(size)s; a PDF can be at most %(limit)s.")
                % {"name": upload.name, "size": filesizeformat(upload.size),
                   "limit": filesizeformat(attachment_max_bytes())})
        return Upload(ContentFile(upload.read(), name="attachment.pdf"), upload.name,
                      "application/pdf")
    try:
        content = images.post_image(upload)
    except ValidationError as exc:
        raise ValidationError(
            _("%(name)s: %(problem)s You can attach pictures and PDF files.")
            % {"name": upload.name, "problem": " ".join(exc.messages)}) from exc
    return Upload(content, upload.name.rsplit(".", 1)[0] + ".webp", "image/webp")


class AttachmentsMixin(forms.Form):
    attachments = MultipleFileField(
        label=_("Attachments (optional)"), required=False,
        help_text=_("Pictures or PDF files, at most three."),
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > max_attachments():
            raise ValidationError(_("Attach at most %(max)d files.") % {"max": max_attachments()})
        return [checked_upload(f) for f in files]


class StepTwoForm(AttachmentsMixin, StepOneForm):
    """Step 2: only what is still missing (order number, e-mail for visitors), plus step 1's
    answers carried along in the form so nothing typed is lost."""

    order_number = forms.CharField(
        label=_("Order number (optional)"), required=False, max_length=20,
        help_text=_("6 to 10 digits, in your order confirmation."),
    )
    email = forms.EmailField(label=_("Your e-mail address"), required=False,
                             help_text=_("We send our reply here."))
    suggestion = forms.IntegerField(required=False, widget=forms.HiddenInput)
    token = forms.CharField(max_length=64, widget=forms.HiddenInput)

    field_order = ["topic", "description", "postcode", "order_number", "email", "attachments"]

    def __init__(self, *args, needs_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_email = needs_email
        if needs_email:
            self.fields["email"].required = True
            self.fields["email"].error_messages["required"] = _(
                "Fill in your e-mail address so we can reply.")
        else:
            del self.fields["email"]

    def clean_order_number(self):
        value = "".join(self.cleaned_data["order_number"].split())
        if value.startswith("#"):
            value = value[1:]
        if value and not ORDER_NUMBER.match(value):
            raise ValidationError(_("An order number has 6 to 10 digits, for example 20241234."))
        return value


class MessageForm(AttachmentsMixin):
    field_order = ["body", "attachments"]
    body = forms.CharField(label=_("Your message"), max_length=10_000,
                           widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": _("Write a message first.")})


class PrivateQuestionForm(forms.Form):
    title = forms.CharField(max_length=150, required=False)
    body = forms.CharField(max_length=10_000, required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("title") or "").strip() and not (data.get("body") or "").strip():
            raise ValidationError(_("Write your question first."))
        return data


class SurveyForm(forms.Form):
    score = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect,
                                   error_messages={"required": _("Choose a score.")})
    comment = forms.CharField(required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = invitation.min_score, invitation.max_score
        self.fields["score"].choices = [(n, str(n)) for n in range(low, high + 1)]
        if invitation.kind == "csat":
            self.fields["score"].label = _("How satisfied are you with our help?")
            self.fields["comment"].label = _("Anything you want to tell us? (optional)")
        else:
            self.fields["score"].label = _(
                "How likely is it that you would recommend us to a friend?")
            self.fields["comment"].label = _("Why?")
