"""A scenario's own warehouses: created with their reception and delivery steps, resupplied from one another, and
their storage locations, under the names the scenario gave them.

A warehouse's locations and operation types carry its short name ("UK3X9/Stock") and its name ("North Depot k3x9-1:
Pick"), both made unique to the scenario. `ScenarioNames` learns them, so the scenario writes "North Depot/Stock" or
"North Depot: Pick" (as a person reads them) in its steps, in the web client and in its checks.

A warehouse needs the company settings "Storage Locations" and "Multi-Step Routes" (its Input, Output and steps);
they are turned on through `CompanySettings`, one save at a time for the whole machine, and the warehouse is created
under the same lock: the first warehouse beyond one makes Odoo switch on Multi-Warehouses itself, by a save of the
Settings screen of its own when Storage Locations is off (stock_warehouse.py, _check_multiwarehouse_group).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from odoo_uat.odoo.company_settings import CompanySettings
from odoo_uat.odoo.factories import Factories
from odoo_uat.odoo.names import ScenarioNames
from odoo_uat.values import normalise_label

WAREHOUSE = "stock.warehouse"
ROUTE = "stock.route"
RECEPTION = "reception_steps"
DELIVERY = "delivery_steps"
# Storage Locations and Multi-Step Routes, by their fields on the Settings screen (stock's res.config.settings).
WAREHOUSE_SETTINGS = ("group_stock_multi_locations", "group_stock_adv_location")
# The locations Odoo makes with a warehouse, each known to the scenario as "<warehouse>/<its name>".
OWN_LOCATIONS = ("view_location_id", "lot_stock_id", "wh_input_stock_loc_id", "wh_qc_stock_loc_id")
OWN_LOCATIONS += ("wh_pack_stock_loc_id", "wh_output_stock_loc_id")
SEPARATOR = "/"
CLOSEST = 6
# Cross-docking (received goods an order waits for go Input -> Output, never into Stock): the route the suite makes
# for a warehouse, named as its Cross Dock operation type, what the warehouse needs for it (its Input and Output, and
# the Cross Dock operation type Odoo keeps active only then), and what the route's rules read.
CROSS_DOCK = "Cross Dock"
CROSS_DOCK_SEQUENCE = 20  # as 18.0's own Crossdock route
ONE_STEP = ("one_step", "ship_only")
CROSS_DOCK_FIELDS = ["name", "code", "company_id", RECEPTION, DELIVERY, "in_type_id", "out_type_id", "xdock_type_id"]
CROSS_DOCK_FIELDS += ["wh_input_stock_loc_id", "wh_output_stock_loc_id"]
CUSTOMERS = ("stock", "stock_location_customers")  # Partners/Customers, by its XML id
VENDORS, CUSTOMERS_NAME = "Vendors", "Customers"  # in the rules' names, as Odoo names a warehouse's own rules

Choices = Sequence[tuple[str, str]]  # (key, label as the form shows it)


class WarehouseError(LookupError):
    """A warehouse a scenario describes cannot be made: a step label that is not a choice of the form, a route."""


def choice_key(label: str, field: str, choices: Iterable[Choices]) -> str:
    """The key of the choice a label names: its label in the file's language, then English (any case), or its key.

    `field` is the field's label, for the error, which lists the choices of the first list (the file's language).
    """
    lists = [list(found) for found in choices]
    wanted = normalise_label(label)
    for found in lists:
        for key, shown in found:
            if normalise_label(shown) == wanted or key == label.strip():
                return key
    shown_first = [shown for _, shown in lists[0]] if lists else []
    close = difflib.get_close_matches(label, shown_first, n=CLOSEST, cutoff=0.4)
    listed = ", ".join(f'"{text}"' for text in (close or shown_first))
    raise WarehouseError(
        f'"{label}" is not a choice of "{field}" on the Warehouse form. The choices: {listed}. '
        "Write the choice as the Warehouse form shows it."
    )


def warehouse_aliases(name: str, location_names: Iterable[str], code: str) -> dict[str, str]:
    """The scenario's names of a warehouse's own locations: "North Depot/Stock" -> "UK3X9/Stock" (full names)."""
    aliases = {}
    for full in location_names:
        if full == code:
            continue
        if full.startswith(code + SEPARATOR):
            aliases[name + full[len(code) :]] = full
    return aliases


class Warehouses:
    """Warehouses and storage locations of the scenario's own, made as the administrator over RPC."""

    def __init__(self, factories: Factories, settings: CompanySettings) -> None:
        self.factories = factories
        self.odoo = factories.connection.odoo
        self.settings = settings

    def fields(self, lang: str | None = None) -> dict[str, dict[str, Any]]:
        """The Warehouse form's fields as Odoo describes them, in a language (Odoo's code) or English."""
        context = {**self.odoo.env.context, **({"lang": lang} if lang else {})}
        return self.odoo.execute_kw(
            WAREHOUSE,
            "fields_get",
            [[RECEPTION, DELIVERY]],
            {"attributes": ["string", "selection"], "context": context},
        )

    def steps(self, field: str, label: str, lang: str | None = None) -> str:
        """The key of a reception or delivery choice named by its label on the Warehouse form."""
        english = self.fields()
        here = self.fields(lang) if lang else english
        return choice_key(label, here[field]["string"], [here[field]["selection"], english[field]["selection"]])

    def create(self, name: str, names: ScenarioNames, reception: str, delivery: str) -> int:
        """A warehouse named `names.unique(name)` with a free short name; its locations known by the scenario's name."""
        self.settings.turn_on(WAREHOUSE_SETTINGS)
        with self.settings.lock:  # Odoo may save the Settings screen itself on the second warehouse (module doc)
            warehouse_id = self.factories.Warehouse(
                name=names.unique(name), reception_steps=reception, delivery_steps=delivery
            )
        self.learn(warehouse_id, name, names)
        return warehouse_id

    def learn(self, warehouse_id: int, name: str, names: ScenarioNames) -> None:
        """Teach the scenario's names the warehouse's short name and its own locations' full names."""
        warehouse = self.odoo.env[WAREHOUSE].read([warehouse_id], ["code", *OWN_LOCATIONS])[0]
        shown = [warehouse[field][1] for field in OWN_LOCATIONS if warehouse[field]]
        for alias, real in warehouse_aliases(name, shown, warehouse["code"]).items():
            names.alias(alias, real)
        names.shown_as(warehouse["code"], name)

    def resupply(self, warehouse_id: int, supplier_id: int) -> list[int]:
        """Tick the supplier warehouse in the warehouse's "Resupply From"; the routes Odoo made for it."""
        env = self.odoo.env
        env[WAREHOUSE].write([warehouse_id], {"resupply_wh_ids": [(4, supplier_id)]})
        return env[ROUTE].search([("supplied_wh_id", "=", warehouse_id), ("supplier_wh_id", "=", supplier_id)])

    def route(self, text: str, names: ScenarioNames) -> int:
        """The route a scenario names as Odoo shows it, with its own names ("North Depot: Supply Product from
        Central", "Dropship")."""
        routes = self.odoo.env[ROUTE]
        exact = routes.search([("name", "=", names.odoo_text(text))])
        if len(exact) == 1:
            return exact[0]
        last = text.replace(":", " ").split()[-1:] or [text]
        found = routes.search_read([("name", "ilike", names.odoo_text(last[0]))], ["name"], limit=CLOSEST)
        listed = ", ".join(f'"{names.scenario_text(row["name"])}"' for row in found) or "none"
        raise WarehouseError(
            f'No single route "{text}" (found {len(exact)}). Routes with a name like it: {listed}. '
            "Write the route as Odoo shows it, with the scenario's names of its warehouses."
        )

    def cross_dock_route(self, warehouse_id: int) -> int:
        """The warehouse's cross-dock route, "<warehouse>: Cross Dock", made once for it and selectable on products.

        The same on 18.0 and 19.0: a sales order pulls a delivery Output -> Customers, which pulls a Cross Dock
        transfer Input -> Output (the warehouse's Cross Dock operation type), which buys from the vendor into Input.
        18.0's own Crossdock route (crossdock_route_id) is not used: it buys for the customer and pushes the receipt
        on, which 19.0 (no such route) cannot mirror, as there the receipt then counts against the order's delivered
        quantity (19.0's stock moves are "to refund" by default, sale_stock _get_outgoing_incoming_moves).
        """
        env = self.odoo.env
        warehouse = env[WAREHOUSE].read([warehouse_id], CROSS_DOCK_FIELDS)[0]
        check_cross_dock(warehouse)
        name = f"{warehouse['name']}: {CROSS_DOCK}"
        found = env[ROUTE].search([("name", "=", name), ("rule_ids.warehouse_id", "=", warehouse_id)], limit=1)
        if found:
            return found[0]
        module, xmlid = CUSTOMERS
        customers = env["ir.model.data"].search_read([("module", "=", module), ("name", "=", xmlid)], ["res_id"])
        return self.factories.connection.create(ROUTE, [cross_dock_values(warehouse, name, customers[0]["res_id"])])[0]

    def storage_location(self, parent_id: int, name: str, names: ScenarioNames, path: str) -> int:
        """A storage location below `parent_id`, named `names.unique(name)`; `path` (the scenario's full name of it)
        and `name` both find it later, in steps and in the web client."""
        location_id = self.factories.Location(name=names.unique(name), location_id=parent_id)
        full = self.odoo.env["stock.location"].read([location_id], ["complete_name"])[0]["complete_name"]
        names.alias(path, full)
        return location_id


def check_cross_dock(warehouse: Mapping[str, Any]) -> None:
    """WarehouseError unless the warehouse (read with CROSS_DOCK_FIELDS) has the Input and Output cross-docking needs."""
    if warehouse[RECEPTION] in ONE_STEP or warehouse[DELIVERY] in ONE_STEP or not warehouse["xdock_type_id"]:
        raise WarehouseError(
            f'The warehouse "{warehouse["name"]}" cannot cross-dock: it receives or delivers in one step, so it has no '
            'Input and Output docks to cross-dock between. Create it receiving in two or three steps (e.g. "Receive '
            'then Store (2 steps)") and delivering in two or three steps (e.g. "Pick then Deliver (2 steps)").'
        )


def cross_dock_values(warehouse: Mapping[str, Any], name: str, customers: int) -> dict[str, Any]:
    """A warehouse's cross-dock route (read with CROSS_DOCK_FIELDS): pull Output -> Customers (its Delivery Orders),
    pull Input -> Output (its Cross Dock type), buy into Input (its Receipts); rules named as Odoo names its own."""
    into, out = warehouse["wh_input_stock_loc_id"], warehouse["wh_output_stock_loc_id"]
    company = warehouse["company_id"][0]

    def rule(action: str, source: list | None, destination: int, shown: str, kind: str) -> dict[str, Any]:
        return {
            "name": f"{warehouse['code']}: {own_name(source[1]) if source else VENDORS} → {shown}",
            "action": action,
            "location_src_id": source[0] if source else False,
            "location_dest_id": destination,
            "picking_type_id": warehouse[kind][0],
            "procure_method": "make_to_order" if source else "make_to_stock",
            "warehouse_id": warehouse["id"],
            "company_id": company,
            "auto": "manual",
        }

    rules = [
        rule("pull", out, customers, CUSTOMERS_NAME, "out_type_id"),
        rule("pull", into, out[0], own_name(out[1]), "xdock_type_id"),
        rule("buy", None, into[0], own_name(into[1]), "in_type_id"),
    ]
    return {
        "name": name,
        "product_selectable": True,
        "product_categ_selectable": False,
        "warehouse_selectable": False,
        "sale_selectable": True,
        "company_id": company,
        "sequence": CROSS_DOCK_SEQUENCE,
        "rule_ids": [(0, 0, values) for values in rules],
    }


def own_name(location: str) -> str:
    """A location's own name, without its parents: "UK3X9/Input" -> "Input"."""
    return location.rpartition(SEPARATOR)[2]


def picking_rows(
    pickings: Sequence[Mapping[str, Any]], quantities: Mapping[int, float], names: ScenarioNames
) -> list[dict[str, Any]]:
    """A product's transfers as a scenario reads them: operation type, from, to, quantity, status key."""
    return [
        {
            "id": picking["id"],
            "Reference": names.scenario_text(picking["name"]),
            "Operation Type": names.scenario_text(picking["picking_type_id"][1]) if picking["picking_type_id"] else "",
            "From": names.scenario_text(picking["location_id"][1]),
            "To": names.scenario_text(picking["location_dest_id"][1]),
            "Quantity": quantities.get(picking["id"], 0.0),
            "Status": picking["state"],
        }
        for picking in pickings
    ]
