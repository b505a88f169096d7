"""What features add to shared pages: the top navigation and a delegation's home page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str


NAV_ITEMS: list[NavItem] = []
# Templates included in a delegation's home page, each given `delegation` and `cs`.
DELEGATION_SECTIONS: list[str] = []


def add_nav(label: str, endpoint: str) -> None:
    if all(item.endpoint != endpoint for item in NAV_ITEMS):
        NAV_ITEMS.append(NavItem(label, endpoint))


def add_delegation_section(template: str) -> None:
    if template not in DELEGATION_SECTIONS:
        DELEGATION_SECTIONS.append(template)
