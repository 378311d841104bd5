from django import forms
from django.utils.translation import gettext_lazy as _

from . import images
from .models import User


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

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        return images.square_avatar(upload)
