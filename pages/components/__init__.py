"""Reusable regions of the Odoo web client (Odoo 18.0 and 19.0 share this markup)."""
