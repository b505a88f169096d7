"""The forms of the panel and the summary, for the pages and (through meetings.api.validated) the JSON API.

The panelists travel as columns, one value per panelist in speaking order: the page sends one row of
inputs per panelist (inputs of one name repeat), and a JSON client sends arrays, e.g.
`{"name": ["A", "B"], "delegation": ["AUT", "KEN"], "remote": [false, true]}`. The whole list is
read and checked at once: a page's empty rows are left out, every other row needs a name and a
delegation (by its code or its name in any language).
"""

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from meetings.floor.forms import delegation_code_of
from meetings.i18n.words import _, _l, lazy, pgettext
from meetings.roundtables.panel import MAX_PANELISTS, NAME_MAX, REASON_MAX, SUMMARY_MAX

TRUE = {"y", "yes", "true", "1", "on", "remote"}
FALSE = {"", "n", "no", "false", "0", "off", "in_person"}


class Column(SelectMultipleField):
    """One value per panelist, in the list's order (a JSON array of strings; a page's inputs of one name)."""

    def __init__(self, label=None, validators=None, **kwargs) -> None:
        super().__init__(label, validators, validate_choice=False, **kwargs)

    def process_formdata(self, valuelist: list) -> None:
        self.data = [str(v) for v in valuelist]


class PanelistsForm(FlaskForm):
    """The whole ordered list of a roundtable's panelists (it replaces the list that stands)."""

    name = Column(_l("Name"), description=_l("One per panelist, in speaking order"))
    title = Column(lazy(lambda: pgettext("speaker", "Title")), description=_l("One per panelist (may be empty)"))
    delegation = Column(_l("Delegation"), description=_l("One per panelist: the delegation's code or name"))
    remote = Column(_l("Remote or in person"),
                    description=_l("One per panelist: true for remote, false for in person (false when left out)"))  # fmt: skip
    position = Column(_l("Order"),
                      description=_l("Optional, one per panelist: numbers that set the speaking order"))  # fmt: skip
    seen = StringField(_l("Version seen"), validators=[Optional(), Length(max=64)],
                       description=_l("Optional: the list's version as you read it (\"seen\" in its GET); a list "
                                      "changed meanwhile is not overwritten"))  # fmt: skip
    submit = SubmitField(_l("Save the panelists"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        self.rows: list[dict] = []
        names = self.name.data or []
        count = len(names)
        for column in (self.title, self.delegation, self.remote, self.position):
            if column.data and len(column.data) != count:
                column.errors.append(_("Give one value per panelist here, as many as there are names."))
        if any(f.errors for f in self):
            return False
        rows = [self._row(i) for i in range(count)]
        rows = [r for r in rows if r is not None]
        if len(rows) > MAX_PANELISTS:
            self.name.errors.append(_("At most %(max)d panelists.", max=MAX_PANELISTS))
        if any(f.errors for f in self):
            return False
        self.rows = [r for _order, r in sorted(rows, key=lambda pair: pair[0])]
        return True

    def _row(self, i: int) -> tuple[tuple, dict] | None:
        """Row i as (sort key, values), None for an empty row; its problems go to the fields."""
        number = i + 1

        def cell(column) -> str:
            return (column.data[i] if column.data else "").strip()

        name, title, delegation = cell(self.name), cell(self.title), cell(self.delegation)
        if not (name or title or delegation):
            return None
        if not name:
            self.name.errors.append(_("Panelist %(number)d: give the name.", number=number))
        if len(name) > NAME_MAX:
            self.name.errors.append(_("Panelist %(number)d: the name has at most %(max)d characters.", number=number,
                                      max=NAME_MAX))  # fmt: skip
        if len(title) > NAME_MAX:
            self.title.errors.append(_("Panelist %(number)d: the title has at most %(max)d characters.",
                                       number=number, max=NAME_MAX))  # fmt: skip
        code = delegation_code_of(delegation) if delegation and len(delegation) <= NAME_MAX else None
        if not delegation:
            self.delegation.errors.append(_("Panelist %(number)d: give the delegation.", number=number))
        elif code is None:
            self.delegation.errors.append(
                _("Panelist %(number)d: no delegation has the name or code '%(name)s'; choose a name from the list.",
                  number=number, name=delegation[:80])
            )  # fmt: skip
        remote = cell(self.remote).lower()
        if remote not in TRUE | FALSE:
            self.remote.errors.append(_("Panelist %(number)d: say remote (true) or in person (false).",
                                        number=number))  # fmt: skip
        position = cell(self.position)
        order = int(position) if position.isdigit() and len(position) <= 3 else None
        if position and order is None:
            self.position.errors.append(_("Panelist %(number)d: the order is a whole number.", number=number))
        key = (order if order is not None else 1000, i)
        return key, {"name": name, "title": title, "delegation": code or "", "remote": remote in TRUE}


class SummaryForm(FlaskForm):
    summary = TextAreaField(
        _l("Summary of key points"),
        validators=[Length(max=SUMMARY_MAX, message=_l("A summary has at most %(max)d characters."))],
        description=_l("As the co-chairs present it to the plenary; a blank line starts a new paragraph"),
    )
    seen = StringField(_l("Version seen"), validators=[Optional(), Length(max=64)],
                       description=_l("Optional: the summary's version as you read it (\"seen\" in its GET); a summary "
                                      "changed meanwhile is not overwritten"))  # fmt: skip
    submit = SubmitField(_l("Save the summary"))


class FinalForm(FlaskForm):
    """The secretariat marks the summary final: a button (CSRF only)."""

    submit = SubmitField(_l("Mark the summary final"))


class ReopenForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for reopening"),
        validators=[DataRequired(message=_l("Say why the summary is reopened.")),
                    Length(max=REASON_MAX, message=_l("A reason has at most %(max)d characters."))],
        description=_l("The co-chairs and the record read it"),
    )  # fmt: skip
    submit = SubmitField(_l("Reopen the summary"))
