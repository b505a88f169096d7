from flask import jsonify

from meetings.api import ApiRoutes, api_user, validated
from meetings.api.schemas import BOOL, INT, STR, arr, maybe, obj
from meetings.calendars import permissions, services
from meetings.calendars.forms import RenewAddressForm, RevokeAddressForm
from meetings.delegations.services import require_delegation
from meetings.i18n.words import _
from meetings.programme.services import require_commission_session
from meetings.refusal import require

routes = ApiRoutes()

ADDRESS = obj(kind=STR, version=INT, active=BOOL, url=maybe(STR), webcal=maybe(STR),
              optional={"delegation": STR, "user": STR})  # fmt: skip


def address_as_dict(address: services.Address) -> dict:
    owner = address.owner
    who = {"delegation": owner.code} if address.kind == "delegation" else {"user": owner.username}
    return {"kind": address.kind, **who, "version": address.version, "active": address.active,
            "url": address.url if address.active else None, "webcal": address.webcal if address.active else None}  # fmt: skip


@routes.route("/calendars/addresses", response=obj(addresses=arr(ADDRESS)), summary="Your secret calendar addresses: your own, and your delegation's",
              allow=permissions.can_have_own_address)  # fmt: skip
def calendar_addresses():
    user = api_user()
    shown = [address_as_dict(services.address_of(user))]
    if user.delegation is not None and permissions.can_manage_delegation_address(user, user.delegation):
        shown.insert(0, address_as_dict(services.address_of(user.delegation)))
    return jsonify({"addresses": shown})


def _delegation(code: str):
    delegation = require_delegation(code)
    require(permissions.can_manage_delegation_address(api_user(), delegation),
            _("Only the delegation's own users and the secretariat can see or change its calendar address."))  # fmt: skip
    return delegation


@routes.route("/calendars/delegations/<code>", response=ADDRESS, summary="A delegation's secret calendar address",
              allow=permissions.can_manage_addresses)  # fmt: skip
def delegation_calendar_address(code: str):
    return jsonify(address_as_dict(services.address_of(_delegation(code))))


@routes.route("/calendars/delegations/<code>/renew", ["POST"], form=RenewAddressForm,
              response=ADDRESS, summary="Renew a delegation's secret calendar address (the old one answers 410 Gone)",
              allow=permissions.can_manage_addresses)  # fmt: skip
def renew_delegation_calendar_address(code: str):
    validated(RenewAddressForm)
    address = services.renew_address(require_commission_session(), api_user(), require_delegation(code))
    return jsonify(address_as_dict(address))


@routes.route("/calendars/delegations/<code>/revoke", ["POST"], form=RevokeAddressForm,
              response=ADDRESS, summary="Revoke a delegation's secret calendar address until it is renewed",
              allow=permissions.can_manage_addresses)  # fmt: skip
def revoke_delegation_calendar_address(code: str):
    validated(RevokeAddressForm)
    address = services.revoke_address(require_commission_session(), api_user(), require_delegation(code))
    return jsonify(address_as_dict(address))


@routes.route("/calendars/mine/renew", ["POST"], form=RenewAddressForm,
              response=ADDRESS, summary="Renew your own secret calendar address (the old one answers 410 Gone)",
              allow=permissions.can_have_own_address)  # fmt: skip
def renew_own_calendar_address():
    validated(RenewAddressForm)
    user = api_user()
    return jsonify(address_as_dict(services.renew_address(require_commission_session(), user, user)))


@routes.route("/calendars/mine/revoke", ["POST"], form=RevokeAddressForm,
              response=ADDRESS, summary="Revoke your own secret calendar address until it is renewed",
              allow=permissions.can_have_own_address)  # fmt: skip
def revoke_own_calendar_address():
    validated(RevokeAddressForm)
    user = api_user()
    return jsonify(address_as_dict(services.revoke_address(require_commission_session(), user, user)))
