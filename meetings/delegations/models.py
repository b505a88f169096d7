import enum

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from meetings.extensions import db

# The regional groups' names as stored (data/groups.csv), listed here for the catalogues.
GROUP_NAMES = (
    _l("African States"),
    _l("Asia-Pacific States"),
    _l("Eastern European States"),
    _l("Latin American and Caribbean States"),
    _l("Western European and other States"),
)


class DelegationKind(enum.StrEnum):
    member_state = "member_state"
    observer_state = "observer_state"
    igo = "igo"
    ngo = "ngo"

    @property
    def label(self) -> str:
        return {
            "member_state": _l("Member State"),
            "observer_state": _l("Observer State"),
            "igo": _l("Intergovernmental organization"),
            "ngo": _l("Non-governmental organization"),
        }[self.value]


class RegionalGroup(db.Model):
    __tablename__ = "regional_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    position: Mapped[int]

    delegations: Mapped[list["Delegation"]] = relationship(back_populates="regional_group")

    @property
    def shown_name(self) -> str:
        """The group's name in the language of the request (the five names are in the catalogues)."""
        return gettext(self.name)


class Delegation(db.Model):
    """A Member State's mission, an observer State, an IGO or an NGO."""

    __tablename__ = "delegation"
    __table_args__ = (
        CheckConstraint(
            "(kind = 'member_state') = (regional_group_id IS NOT NULL)",
            name="member_states_have_a_group",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[DelegationKind] = mapped_column(Enum(DelegationKind, name="delegation_kind"))
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Names in other languages, keyed by language tag: {"ru": "...", "zh": "...", "ar": "..."}.
    names: Mapped[dict] = mapped_column(JSON, default=dict)
    regional_group_id: Mapped[int | None] = mapped_column(ForeignKey("regional_group.id", ondelete="RESTRICT"))

    regional_group: Mapped[RegionalGroup | None] = relationship(back_populates="delegations")

    def name_in(self, lang: str) -> str:
        return (self.names or {}).get(lang) or self.name

    @property
    def shown_name(self) -> str:
        """The name in the language of the request (CLDR's short name where the UN's is not at hand)."""
        from meetings.i18n.words import current_language

        return self.name_in(current_language())
