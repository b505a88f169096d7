"""The six official languages of the United Nations, each named in itself."""

DEFAULT = "en"
LANGUAGES: dict[str, str] = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
RTL = frozenset({"ar"})


def is_language(value: object) -> bool:
    return isinstance(value, str) and value in LANGUAGES
