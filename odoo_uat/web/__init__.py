"""The web client through Playwright: browser, logged-in states per role, the acting users."""
