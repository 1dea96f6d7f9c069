"""Where the current action's list and kanban live on screen (18.0 and 19.0), for the pages that must tell them apart."""

from __future__ import annotations

MAIN_LIST = ".o_action_manager .o_list_view"
MAIN_KANBAN = ".o_action_manager .o_kanban_view"
