"""Small helpers between WTForms forms and services (running an action is meetings.actions)."""


def fields_of(form) -> dict:
    """The form's values as keyword arguments for a service (without the button and token)."""
    return {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}


def errors_sentence(form, lead: str = "Some fields are not valid: ") -> str:
    """The form's errors as one sentence that names each field by the label the page shows."""

    def named(name, messages) -> str:
        text = " ".join(str(m) for m in messages)
        if name == "csrf_token":
            return "the form has expired; reload the page and try again"
        field = form._fields.get(name) if name else None
        label = field.label.text if field is not None and field.label is not None else None
        return f"{label}: {text}" if label else text

    return lead + "; ".join(named(name, messages) for name, messages in form.errors.items())
