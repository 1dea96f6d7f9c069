"""Playwright page objects for the Odoo web client: reusable regions and business screens."""
