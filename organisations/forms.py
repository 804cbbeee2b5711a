from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from lndstrategy.text import TextRuleMixin

from .logos import MAX_LOGO_PIXELS, MAX_LOGO_SIDE, LogoError, logo_png, logo_size, png_name
from .models import Invitation, Organisation, Person, Role

MAX_LOGO_BYTES = 2 * 1024 * 1024


class LogoField(forms.ImageField):
    """An image no larger than a logo needs, measured from its header before Django's own
    check (which decodes enough of it to verify it) and before anything else decodes it."""

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            if data.size is not None and data.size > MAX_LOGO_BYTES:
                raise forms.ValidationError(_("The logo must be smaller than 2 MB."), "size")
            try:
                logo_size(data)
            except LogoError as error:
                if error.args[0] == "too large":
                    raise forms.ValidationError(too_large_message(error), "too_large") from error
                raise forms.ValidationError(
                    self.error_messages["invalid_image"], "invalid_image"
                ) from error
        return super().to_python(data)


def _grouped(number: int) -> str:
    return number_format(number, force_grouping=True)  # 4,000 in English, 4.000 in Dutch


def too_large_message(error: LogoError) -> str:
    limits = _(
        "A logo may be at most %(side)s × %(side)s pixels and %(megapixels)s megapixels."
    ) % {"side": _grouped(MAX_LOGO_SIDE), "megapixels": MAX_LOGO_PIXELS // 1_000_000}
    if error.width is None:
        return f"{_('This image is far too large for a logo.')} {limits}"
    size = _("This image is %(width)s × %(height)s pixels.") % {
        "width": _grouped(error.width),
        "height": _grouped(error.height),
    }
    return f"{size} {limits}"


class OrganisationForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "size", "logo", "brand_colour"]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}
        field_classes = {"logo": LogoField}
        help_texts = {
            "logo": _(  # the numbers are MAX_LOGO_SIDE and LOGO_SIDE
                "PNG, JPEG, GIF or WebP, smaller than 2 MB and at most 4,000 × 4,000 pixels. "
                "It is stored as a PNG at most 600 pixels wide or tall."
            ),
        }

    def clean_logo(self):
        """An accepted upload is stored re-encoded: a PNG without metadata, downscaled to at
        most ``LOGO_SIDE`` pixels on its longer side (the size the documents use)."""
        logo = self.cleaned_data.get("logo")
        if not isinstance(logo, UploadedFile):
            return logo  # unchanged, cleared (False) or none
        logo.seek(0)
        try:
            encoded = logo_png(logo)
        except LogoError as error:
            raise forms.ValidationError(
                self.fields["logo"].error_messages["invalid_image"], "invalid_image"
            ) from error
        return SimpleUploadedFile(png_name(logo.name), encoded.png, "image/png")


class OrganisationCreateForm(OrganisationForm):
    my_role = forms.ChoiceField(
        label=_("Your role in this organisation"),
        choices=[(Role.OWNER, Role.OWNER.label), (Role.CONSULTANT, Role.CONSULTANT.label)],
        initial=Role.OWNER,
    )


class InvitationForm(TextRuleMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role", "language"]
        help_texts = {"language": _("The invitation email is written in this language.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The inviter's own language, unless they choose another.
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        self.fields["language"].required = False  # left out: the roster's, else the default


class InvitationSignupForm(TextRuleMixin, UserCreationForm):
    """New users create their account while accepting an invitation (for the invited address)."""

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["username", "first_name", "last_name"]

    def __init__(self, *args, email: str, **kwargs):
        self.invited_email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        from .services import ACCOUNT_EXISTS, account_with_email_exists

        cleaned = super().clean()
        if account_with_email_exists(self.invited_email):
            raise forms.ValidationError(ACCOUNT_EXISTS, params={"email": self.invited_email})
        return cleaned


class InvitationConfirmForm(forms.Form):
    """A logged-in account whose address is not the invited one confirms it wants to join."""

    other_address_confirmed = forms.BooleanField(
        label=_("Join with the account I am logged in with"),
        error_messages={
            "required": _(
                "Tick the box to join with this account, or log out and use the invited one."
            )
        },
    )


class PasswordResetRequestForm(PasswordResetForm):
    """Django's reset form, but the email is sent by the worker (after the request commits).

    Only the account's id goes into the queue; the worker makes the reset token itself.
    """

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        from .tasks import send_password_reset_email

        user_id, language = context["user"].pk, translation.get_language()
        transaction.on_commit(lambda: send_password_reset_email.delay(user_id, language))


class PersonForm(TextRuleMixin, forms.ModelForm):
    """Someone on the roster; the address is checked against the roster by the service."""

    class Meta:
        model = Person
        fields = ["name", "email", "group", "language"]
        help_texts = {
            "email": _("Invitations and reminders go here. Each address once per organisation."),
            "group": _("The group their answers count in, unless a round asks otherwise."),
            "language": _("Emails to this person are written in this language."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = not (self.instance.pk and self.instance.user_id)
