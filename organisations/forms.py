from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Organisation, Person, Role

MAX_LOGO_BYTES = 2 * 1024 * 1024


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "size", "logo", "brand_colour"]
        widgets = {"brand_colour": forms.TextInput(attrs={"type": "color"})}

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > MAX_LOGO_BYTES:
            raise forms.ValidationError(_("The logo must be smaller than 2 MB."))
        return logo


class OrganisationCreateForm(OrganisationForm):
    my_role = forms.ChoiceField(
        label=_("Your role in this organisation"),
        choices=[(Role.OWNER, Role.OWNER.label), (Role.CONSULTANT, Role.CONSULTANT.label)],
        initial=Role.OWNER,
    )


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]


class InvitationSignupForm(UserCreationForm):
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


class PersonForm(forms.ModelForm):
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
