import re

from django import forms
from django.utils.translation import gettext_lazy as _

from kb import selectors as kb_selectors
from kb.models import Product
from vraagbaak import idempotency

from . import images, names
from .models import Flag, Notification, Question, User


class ProfileForm(forms.ModelForm):
    """The public profile. The avatar is decoded and re-encoded in `clean_avatar`, so a bad
    picture comes back as a field error with the other fields as the member typed them."""

    avatar = forms.FileField(
        label=_("Avatar"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 8 MB. We crop it to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    remove_avatar = forms.BooleanField(label=_("Remove my avatar"), required=False)

    class Meta:
        model = User
        fields = ["display_name", "bio"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 500})}

    def clean_display_name(self):
        name = self.cleaned_data.get("display_name", "")
        names.check_public_name(name, staff=self.instance.is_staff or self.instance.is_superuser)
        return name.strip()

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        return images.square_avatar(upload)


class PostImageField(forms.FileField):
    """One optional picture, decoded and re-encoded by community.images.post_image."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Picture"),
            required=False,
            help_text=_("Optional: a photo or screenshot (JPEG, PNG, WebP or GIF, at most 8 MB)."),
            widget=forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
            ),
            **kwargs,
        )

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return [images.post_image(upload)] if upload else []


class KeepsPendingImage(forms.Form):
    """A form with a picture that survives an error: a valid upload is kept server-side
    (`images.keep_pending`) and the re-rendered form carries its token in `pending_image`,
    so the next submit attaches it unless the member chooses another. Needs `user`."""

    pending_image = forms.CharField(required=False, widget=forms.HiddenInput, max_length=300)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        if "image" not in self.fields or not getattr(self.user, "pk", None):
            return cleaned
        if cleaned.get("image"):
            token = images.keep_pending(cleaned["image"][0], user_id=self.user.pk)
            self._carry(token)
        elif "image" not in self.errors and (token := cleaned.get("pending_image")):
            kept = images.pending(token, user_id=self.user.pk)
            if kept is not None:
                cleaned["image"] = [kept]
                self._carry(token)
        return cleaned

    def _carry(self, token: str) -> None:
        # The re-rendered form shows the token (hidden) and says the picture is kept.
        self.data = self.data.copy()
        self.data[self.add_prefix("pending_image")] = token
        kept = _("Your picture is kept and will be posted. Choose another file to replace it.")
        self.fields["image"].help_text = kept
        self["image"].help_text = kept  # the bound field copied the old text when cleaning

    def discard_pending_image(self) -> None:
        """After a successful post: the kept copy is no longer needed."""
        token = self.data.get(self.add_prefix("pending_image"))
        if token and getattr(self.user, "pk", None):
            images.discard_pending(token, user_id=self.user.pk)


class AskForm(KeepsPendingImage):
    """The question form. On any error it re-renders with what the member typed (and the
    picture they chose)."""

    title = forms.CharField(
        label=_("Your question"),
        max_length=150,
        help_text=_("One sentence, as you would ask it to a shop assistant."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-suggest": "title"}),
    )
    body = forms.CharField(
        label=_("Details"),
        max_length=10_000,
        help_text=_(
            "What did you order, what happened and what have you tried? "
            "Markdown works: **bold**, *italic*, lists, `code` and links."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=200,
        help_text=_("Up to 5, separated by commas, e.g. levering, retour."),
    )
    product = forms.ModelChoiceField(
        label=_("Product"), required=False, queryset=None, empty_label=_("(none)")
    )
    image = PostImageField()
    # One question per form, however often it is sent (see vraagbaak.idempotency).
    form_token = forms.CharField(
        required=False, max_length=64, widget=forms.HiddenInput, initial=idempotency.new_token
    )

    def __init__(self, *args, language: str = "nl", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(
            locale__language_code=language
        ).order_by("name")

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class EditQuestionForm(AskForm):
    summary = forms.CharField(label=_("Edit summary"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["product"]
        del self.fields["image"]
        del self.fields["pending_image"]


class AnswerForm(KeepsPendingImage):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown works. Mention someone with @username."),
    )
    image = PostImageField()


class EditAnswerForm(AnswerForm):
    image = None
    pending_image = None
    summary = forms.CharField(label=_("Edit summary"), required=False, max_length=200)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=600, widget=forms.Textarea(attrs={"rows": 2})
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), widget=forms.RadioSelect, choices=())
    duplicate_of = forms.CharField(
        label=_("Number or link of the original question"),
        required=False,
        max_length=300,
        help_text=_("Only for duplicates."),
    )
    note = forms.CharField(label=_("Note for the moderators"), required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Flag.Reason.choices

    def clean_duplicate_of(self):
        raw = self.cleaned_data["duplicate_of"].strip()
        if not raw:
            return None
        match = re.search(r"(\d+)", raw.split("vragen/")[-1].split("questions/")[-1])
        question = Question.objects.filter(pk=match.group(1)).first() if match else None
        if question is None:
            raise forms.ValidationError(_("We can't find that question."))
        return question


class PromoteForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None)
    answer = forms.ModelChoiceField(
        label=_("Answer"), queryset=None, required=False, empty_label=_("The best answer")
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = kb_selectors.categories(question.locale)
        self.fields["answer"].queryset = question.answers.filter(visibility="published")


class NotificationSettingsForm(forms.Form):
    """Two checkboxes per kind of notification: on the site and by e-mail."""

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Notification.Kind.choices:
            on_site, by_email = current.get(kind, (True, True))
            self.fields[f"{kind}_site"] = forms.BooleanField(
                label=label, required=False, initial=on_site
            )
            self.fields[f"{kind}_email"] = forms.BooleanField(
                label=_("also by e-mail"), required=False, initial=by_email
            )

    def choices(self) -> dict:
        return {
            kind: (self.cleaned_data[f"{kind}_site"], self.cleaned_data[f"{kind}_email"])
            for kind in Notification.Kind.values
        }
