"""Small helpers between WTForms forms and services (running an action is meetings.actions)."""


def fields_of(form) -> dict:
    """The form's values as keyword arguments for a service (without the button and token)."""
    return {k: v for k, v in form.data.items() if k not in ("submit", "csrf_token")}


def errors_sentence(form, lead: str = "Some fields are not valid: ") -> str:
    return lead + "; ".join(f"{name}: {' '.join(messages)}" for name, messages in form.errors.items())
