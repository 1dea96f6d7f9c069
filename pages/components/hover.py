"""Hover effects (tooltips, popovers) taken out of the way before a click, so they never swallow it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

# Odoo's tooltip service shows `.o-tooltip` inside a popover after the mouse rests on an element
# with data-tooltip (18.0 and 19.0); the popover can lie over the element a step clicks next.
TOOLTIP = ".o-tooltip"
# Where the mouse is parked: the top-left corner of the page is the apps-menu corner, which has no
# data-tooltip; (1, 1) stays inside the viewport so that the browser sends a mouse move.
PARKED = (1, 1)


def clear_hover(page: Page) -> None:
    """Move the mouse off whatever it rests on and wait until no tooltip is shown."""
    page.mouse.move(*PARKED)
    expect(page.locator(TOOLTIP)).to_have_count(0)
