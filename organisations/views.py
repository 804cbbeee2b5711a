from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import services
from .access import Action, OrganisationAccess, accessible_memberships, organisation_view
from .forms import (
    InvitationConfirmForm,
    InvitationForm,
    InvitationSignupForm,
    OrganisationCreateForm,
    OrganisationForm,
    PasswordResetRequestForm,
    PersonForm,
)
from .models import Invitation, Membership, Person, Role


def home(request: HttpRequest) -> HttpResponse:
    return redirect("portfolio" if request.user.is_authenticated else "login")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_required
def portfolio(request: HttpRequest) -> HttpResponse:
    memberships = accessible_memberships(request.user).order_by("organisation__name")
    return render(request, "organisations/portfolio.html", {"memberships": memberships})


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "my_role"}
        organisation = services.organisation_create(
            creator=request.user, role=Role(form.cleaned_data["my_role"]), **fields
        )
        messages.success(request, _("Organisation created. Invite your leadership team next."))
        return redirect("organisation_members", org_slug=organisation.slug)
    return render(request, "organisations/organisation_form.html", {"form": form, "creating": True})


@organisation_view(methods=["GET"])
def organisation_overview(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    return render(request, "organisations/overview.html")


@organisation_view(Action.MANAGE_ORGANISATION)
def organisation_settings(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=access.organisation
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Organisation settings saved."))
        return redirect("organisation_overview", org_slug=access.organisation.slug)
    return render(request, "organisations/organisation_form.html", {"form": form})


@organisation_view(methods=["GET"])
def organisation_logo(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    # Served through the access helper: a client's logo is their data too.
    logo = access.organisation.logo
    if not logo:
        raise Http404
    try:
        return FileResponse(logo.open("rb"))
    except FileNotFoundError:
        raise Http404 from None


@organisation_view(Action.MANAGE_MEMBERS)
def organisation_members(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    organisation = access.organisation
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation,
                email=form.cleaned_data["email"],
                role=Role(form.cleaned_data["role"]),
                invited_by=request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("organisation_members", org_slug=organisation.slug)
    context = {
        "form": form,
        "memberships": organisation.memberships.select_related("user").order_by("user__username"),
        "invitations": organisation.invitations.select_related("invited_by")[:50],
    }
    return render(request, "organisations/members.html", context)


def _person_fields(form: PersonForm) -> dict:
    return {name: form.cleaned_data[name] for name in ("name", "email", "group", "language")}


@organisation_view(Action.MANAGE_MEMBERS)
def organisation_people(request: HttpRequest, access: OrganisationAccess) -> HttpResponse:
    """The roster: everyone who answers rounds or owns actions, with or without a login."""
    organisation = access.organisation
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(organisation=organisation, **_person_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is on the list.") % {"name": person})
            return redirect("organisation_people", org_slug=organisation.slug)
    people = (
        access.scope(Person.objects.select_related("user"))
        .annotate(
            n_rounds=Count("respondents", distinct=True),
            n_actions=Count("owned_actions", distinct=True),
        )
        .order_by("name", "email")
    )
    return render(request, "organisations/people.html", {"form": form, "people": people})


@organisation_view(Action.MANAGE_MEMBERS)
def person_edit(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    person = access.get_object(Person.objects.select_related("user"), pk=pk)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, **_person_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation_people", org_slug=access.organisation.slug)
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


@organisation_view(Action.MANAGE_MEMBERS, methods=["POST"])
def membership_remove(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    membership = access.get_object(Membership, pk=pk)
    try:
        services.membership_remove(membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(user)s no longer has access.") % {"user": membership.user})
    return redirect("organisation_members", org_slug=access.organisation.slug)


@organisation_view(Action.MANAGE_MEMBERS, methods=["POST"])
def invitation_revoke(request: HttpRequest, access: OrganisationAccess, pk: int) -> HttpResponse:
    invitation = access.get_object(Invitation, pk=pk)
    services.invitation_revoke(invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("organisation_members", org_slug=access.organisation.slug)


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_for_token(token)
    except services.InvitationUnusable:
        return _unusable(request)

    signup_form = confirm_form = None
    if request.user.is_authenticated:
        # Invited under another address: say so, and accept only once the person confirms.
        if not services.invitation_is_for(invitation, request.user):
            confirm_form = InvitationConfirmForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and (confirm_form is None or confirm_form.is_valid()):
            return _accept_and_enter(request, token, confirm_form is not None)
    else:
        signup_form = InvitationSignupForm(
            request.POST or None,
            email=invitation.email,
            initial={"username": invitation.email.split("@")[0]},
        )
        if request.method == "POST" and signup_form.is_valid():
            try:
                membership = services.invitation_signup(
                    token=token, user=signup_form.save(commit=False)
                )
            except services.InvitationUnusable:
                return _unusable(request)
            except ValidationError as error:
                signup_form.add_error(None, error)
            else:
                login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
                return _welcome(request, membership)
    return render(
        request,
        "organisations/invitation_accept.html",
        {"invitation": invitation, "signup_form": signup_form, "confirm_form": confirm_form},
    )


def _unusable(request: HttpRequest) -> HttpResponse:
    return render(request, "organisations/invitation_unusable.html", status=404)


def _welcome(request: HttpRequest, membership: Membership) -> HttpResponse:
    messages.success(request, _("Welcome to %(name)s.") % {"name": membership.organisation.name})
    return redirect("organisation_overview", org_slug=membership.organisation.slug)


def _accept_and_enter(request: HttpRequest, token: str, other_address_confirmed: bool):
    try:
        membership = services.invitation_accept(
            token=token, user=request.user, other_address_confirmed=other_address_confirmed
        )
    except (services.InvitationUnusable, services.InvitationForOtherAddress):
        return _unusable(request)
    return _welcome(request, membership)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, sent by the worker and limited per address and per computer.

    Over the limit nothing is sent, and the answer is the same page as always, so the form
    tells nobody whether an address has an account or has been asked for too often.
    """

    form_class = PasswordResetRequestForm

    def form_valid(self, form):
        allowed = services.password_reset_allowed(
            email=form.cleaned_data["email"], address=self.request.META.get("REMOTE_ADDR", "")
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
