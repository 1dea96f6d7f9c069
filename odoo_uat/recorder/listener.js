// odoo-uat recorder: listens to the web client's DOM events and reports what the user did, in Odoo's
// terms (menu xml ids, field names and labels, lines, buttons, the status), to the Python side through
// the binding that odoo_uat/recorder/session.py exposes. It reads the DOM; it never changes it.
// What is typed into a password input never leaves the page: its event says only `secret: true`, and the
// feature file gets a placeholder (odoo_uat/recorder/events.py).
(() => {
  if (window.__odooUatRecorder) return;
  window.__odooUatRecorder = true;
  const BINDING = "__odooUatRecord";
  const send = (event) => {
    if (typeof window[BINDING] === "function") window[BINDING]({ ...event, model: currentModel() });
  };
  const clean = (text) => (text || "").replace(/\s+/g, " ").trim();
  const textOf = (el) => clean(el && (el.innerText || el.textContent));
  const currentModel = () => {
    try {  // the action service holds the main view's model (18.0 and 19.0); the DOM does not say it
      return odoo.__WOWL_DEBUG__.root.env.services.action.currentController?.props?.resModel || null;
    } catch (error) {
      return null;
    }
  };
  const WIDGET = ".o_field_widget[name]";
  const ROW = "tr.o_data_row";
  const X2MANY = ".o_field_x2many[name], .o_field_one2many[name], .o_field_many2many[name]";
  const DIALOG = ".modal:not(.o_inactive_modal)";

  // A form field's label: <label class="o_form_label" for="<id of an element inside the widget>">.
  const formLabel = (widget) => {
    for (const el of widget.querySelectorAll("[id]")) {
      const label = document.querySelector(`.o_form_label[for="${CSS.escape(el.id)}"]`);
      if (label && !label.closest(".o_field_widget")) return textOf(label);
    }
    return null;
  };
  // A cell's column header in a list of lines: <th data-name="<field>">Label</th>.
  const columnLabel = (row, name) => {
    const table = row.closest("table");
    const th = table && table.querySelector(`thead th[data-name="${CSS.escape(name)}"]`);
    return th ? textOf(th) : null;
  };
  // Where a field widget sits: a form (or a dialog's form), or a row of a list of lines.
  const place = (widget) => {
    const row = widget.closest(ROW);
    const x2many = row && row.closest(X2MANY);
    const name = widget.getAttribute("name");
    if (row && x2many) {
      return { where: "line", list: x2many.getAttribute("name"), row: row.dataset.id || "",
               field: name, label: columnLabel(row, name) };
    }
    return { where: widget.closest(DIALOG) ? "dialog" : "form", field: name, label: formLabel(widget) };
  };
  const fieldEvent = (widget, value) => send({ kind: "field", ...place(widget), value: clean(value) });
  // A password: an input of type password (also once a "show" toggle made it text, by its autocomplete), or a
  // field whose name says it holds a credential.
  const SECRET_AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code)(\s|$)/;
  const SECRET_FIELD = /passw|pwd|secret|api_?key|token/i;
  const isSecret = (el, widget) =>
    (el instanceof HTMLInputElement && el.type === "password") ||
    SECRET_AUTOCOMPLETE.test(el.getAttribute("autocomplete") || "") ||
    SECRET_FIELD.test((widget && widget.getAttribute("name")) || "");
  const secretEvent = (widget) => send({ kind: "field", ...place(widget), secret: true });

  const onClick = (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const menu = target.closest("[data-menu-xmlid]");
    if (menu) return send({ kind: "menu", xmlid: menu.getAttribute("data-menu-xmlid"), label: textOf(menu) });
    if (target.closest(".o_navbar_apps_menu")) return;  // the apps menu toggle: the menu opened says it all
    const item = target.closest(".o-autocomplete--dropdown-item");
    if (item) {
      const widget = item.closest(WIDGET);
      if (!widget) return;
      const option = item.querySelector("a");
      if (option && /o_m2o_dropdown_option/.test(option.className)) {
        return send({ kind: "other", ...place(widget), what: `chose "${textOf(item)}" in the field's dropdown` });
      }
      return fieldEvent(widget, textOf(item));
    }
    const addLine = target.closest("td.o_field_x2many_list_row_add a");
    if (addLine) {
      const x2many = addLine.closest(X2MANY);
      return send({ kind: "add_line", list: x2many ? x2many.getAttribute("name") : null, label: textOf(addLine) });
    }
    const crumb = target.closest(".o_breadcrumb a, .o_back_button");
    if (crumb) return send({ kind: "other", what: `went back to "${textOf(crumb) || "the previous screen"}"` });
    const stage = target.closest(".o_statusbar_status button[data-value]");
    if (stage) return send({ kind: "other", what: `clicked the stage "${textOf(stage)}" in the status bar` });
    const button = target.closest("button, a.btn, a[role=button]");
    if (button && button.closest(".o_main_navbar")) {
      return send({ kind: "other", what: `clicked "${textOf(button) || button.getAttribute("title") || "?"}" in the top bar` });
    }
    if (button && !button.closest(WIDGET)) {
      if (button.matches(".o_form_button_save")) return send({ kind: "save" });
      if (button.matches(".o_form_button_cancel")) return send({ kind: "other", what: "discarded the changes" });
      const label = textOf(button) || clean(button.getAttribute("title") || button.getAttribute("aria-label") || "");
      return send({ kind: "button", label, name: button.getAttribute("name"),
                    where: button.closest(DIALOG) ? "dialog" : "view" });
    }
    const record = target.closest(".o_list_view:not(.o_field_x2many) " + ROW + ", .o_kanban_record");
    if (record && !record.closest(X2MANY)) {
      const cell = [...record.querySelectorAll("td.o_data_cell")].map(textOf).find(Boolean);
      return send({ kind: "open_record", text: cell || textOf(record).split(" ").slice(0, 4).join(" ") });
    }
  };

  // Typed values: read when the user leaves the input (the value is then final); a many2one's record
  // is taken when its suggestion is clicked (above) or chosen with Enter / Tab (below).
  const typed = new WeakMap();
  const isAutocomplete = (el) => el.matches("input.o-autocomplete--input");
  const onFocusIn = (event) => {
    const el = event.target;
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) typed.set(el, el.value);
  };
  const onFocusOut = (event) => {
    const el = event.target;
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
    if (["checkbox", "radio"].includes(el.type) || isAutocomplete(el) || el.closest(".o_searchview")) return;
    const widget = el.closest(WIDGET);
    if (!widget || typed.get(el) === el.value) return;
    if (isSecret(el, widget)) return secretEvent(widget);
    fieldEvent(widget, el.value);
  };
  const onChange = (event) => {
    const el = event.target;
    const widget = el instanceof Element && el.closest(WIDGET);
    if (!widget) return;
    if (el instanceof HTMLInputElement && el.type === "checkbox") return fieldEvent(widget, el.checked ? "Yes" : "No");
    if (el instanceof HTMLInputElement && el.type === "radio") {
      return fieldEvent(widget, textOf(el.closest(".o_radio_item")?.querySelector("label")) || el.value);
    }
    if (el instanceof HTMLSelectElement) return fieldEvent(widget, el.selectedOptions[0]?.textContent || el.value);
  };
  const onKeyDown = (event) => {
    const el = event.target;
    if (el instanceof HTMLInputElement && el.closest(".o_searchview") && event.key === "Enter" && el.value) {
      if (isSecret(el, null)) return;  // a password typed into the search box stays there
      return send({ kind: "search", text: clean(el.value) });
    }
    if (!(el instanceof HTMLInputElement) || !isAutocomplete(el) || !["Enter", "Tab"].includes(event.key)) return;
    const active = el.closest(".o-autocomplete")?.querySelector(".o-autocomplete--dropdown-item a[aria-selected=true]");
    const widget = el.closest(WIDGET);
    if (active && widget && !/o_m2o_dropdown_option|o_loading/.test(active.className)) fieldEvent(widget, textOf(active));
  };

  // The status reached: reported whenever the status bar's current stage changes.
  let status = null;
  const onMutation = () => {
    const current = document.querySelector(".o_form_view .o_statusbar_status button.o_arrow_button_current[aria-checked=true]");
    const now = current ? textOf(current) : null;
    if (now !== status) {
      status = now;
      send({ kind: "status", label: now });
    }
  };

  const start = () => {
    document.addEventListener("click", onClick, true);
    document.addEventListener("focusin", onFocusIn, true);
    document.addEventListener("focusout", onFocusOut, true);
    document.addEventListener("change", onChange, true);
    document.addEventListener("keydown", onKeyDown, true);
    new MutationObserver(onMutation).observe(document.body, { childList: true, subtree: true, attributes: true,
                                                             attributeFilter: ["aria-checked", "class"] });
  };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
