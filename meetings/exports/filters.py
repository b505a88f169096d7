"""Long lists (the speakers list, the delegations, the side-event queue): one way to filter them.

The filter is a GET form read from the query string: it works without JavaScript, its address
can be bookmarked or sent to a colleague, and the CSV link carries the same query, so that the
file holds exactly the rows the page shows. Each list says which selects it offers (regional
group, level or kind, status) and how a row answers them; the free text matches any of a row's
words without regard to case or accents ("cote" finds Côte d'Ivoire, "turkiye" Türkiye).
"""

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectField, StringField, ValidationError
from wtforms.validators import Length, Optional

from meetings.delegations.models import RegionalGroup
from meetings.extensions import db
from meetings.refusal import Refusal

Row = TypeVar("Row")
# The value of the group select for delegations outside the five regional groups.
NO_GROUP = "none"
Choices = list[tuple[str, str]]


class ChoiceField(SelectField):
    """A select whose wrong value is named by its label, not "Not a valid choice"."""

    def pre_validate(self, form) -> None:
        if self.data and self.data not in {value for value, _ in self.choices}:
            raise ValidationError(_("Choose one of the listed values of “%(label)s”.", label=self.label.text))


class ListFilter(FlaskForm):
    """The free text of every list; the selects are added by `list_filter`."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Contains"), validators=[Optional(), Length(max=100, message=_l("Give at most 100 characters."))]
    )


def list_filter(args, text_label: str, selects: dict[str, tuple[str, Choices]]) -> ListFilter:
    """A validated filter form: the free text and, per name, a select (label, choices); empty means all."""
    fields = {
        name: ChoiceField(label, choices=[("", _("all"))] + list(choices), default="", validators=[Optional()])
        for name, (label, choices) in selects.items()
    }
    form = type("ListFilterOf", (ListFilter,), {**fields, "select_names": list(selects)})(args)
    form.q.label.text = text_label
    form.validate()
    return form


def group_choices() -> Choices:
    """The five regional groups (named in the reader's language), then the delegations outside them."""
    groups = db.session.scalars(select(RegionalGroup).order_by(RegionalGroup.position))
    return [(g.code, g.shown_name) for g in groups] + [(NO_GROUP, _("No regional group (observers, organizations)"))]


def group_of(delegation) -> str:
    """A delegation's answer to the group select."""
    return delegation.regional_group.code if delegation.regional_group else NO_GROUP


def folded(text: str | None) -> str:
    """Lower case without accents, for matching what people type against names in any script."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def row_filter(form: ListFilter, answers: dict[str, Callable[[Row], str]],
               words: Callable[[Row], Iterable[str | None]]) -> Callable[[Row], bool]:  # fmt: skip
    """Whether a row passes: each select chosen equals the row's answer, and the text is in one of its words."""
    wanted = {name: form[name].data for name in answers if form[name].data}
    text = folded((form.q.data or "").strip())

    def keep(row: Row) -> bool:
        if any(answers[name](row) != value for name, value in wanted.items()):
            return False
        return not text or any(text in folded(word) for word in words(row) if word)

    return keep


def in_force(form: ListFilter) -> dict[str, str]:
    """The filters chosen, as query arguments for the CSV link (and nothing else)."""
    names = ["q", *form.select_names]
    return {name: form[name].data.strip() for name in names if (form[name].data or "").strip()}


def refusal_of(form: ListFilter, status: int = 400) -> Refusal | None:
    """A refusal naming the wrong filters by their labels, or None when the filter is valid."""
    if not form.errors:
        return None
    words = "; ".join(f"{form[name].label.text}: {' '.join(messages)}" for name, messages in form.errors.items())
    return Refusal(_("The filter is not valid. %(problems)s", problems=words), form.errors, status=status)
