// Probity's page: a form built from GET /v1/scheme, answers from the JSON API. Everything the
// server or the user sends is put on the page as text (textContent), never as markup.
"use strict";
let scheme = null;
let agenda = [];
let pending = null;
let sequence = 0;
let editStarted = null;   // when the edit being answered began (performance.now())

const $ = (id) => document.getElementById(id);
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value; else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
const today = () => new Date().toISOString().slice(0, 10);

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const json = await response.json();
  return { ok: response.ok, json };
}

// ---- Tabs ----
function selectTab(tab) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute("aria-selected", String(selected));
    other.tabIndex = selected ? 0 : -1;
    $(other.getAttribute("aria-controls")).hidden = !selected;
  }
}
function setUpTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => selectTab(tab));
    tab.addEventListener("keydown", (event) => {
      const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      if (!step) return;
      const next = tabs[(index + step + tabs.length) % tabs.length];
      selectTab(next);
      next.focus();
    });
  });
}

// ---- The check form, generated from the scheme's fields ----
function fieldControl(field) {
  const id = "field-" + field.name;
  const label = el("label", { for: id }, field.name.replace(/_/g, " "), field.required ? " (required)" : "");
  let control;
  let hint = null;
  if (field.type === "enumeration" && field.set) {
    control = el("fieldset", { id, "data-field": field.name, "data-kind": "set-choice" },
      el("legend", {}, field.name.replace(/_/g, " ")),
      field.choices.map((choice) => el("label", { class: "inline" }, el("input", { type: "checkbox", value: choice }), choice)));
    return el("div", {}, control);
  }
  if (field.type === "enumeration" || field.type === "body") {
    const choices = field.type === "body" ? scheme.bodies.map((b) => [b.id, b.id + " — " + b.title]) : field.choices.map((c) => [c, c]);
    control = el("select", { id }, el("option", { value: "" }, "—"), choices.map(([value, text]) => el("option", { value }, text)));
  } else if (field.type === "date") {
    control = el("input", { id, type: "date" });
    if (field.name === "date") control.value = today();
  } else if (field.type === "money") {
    control = el("input", { id, type: "text", inputmode: "decimal", autocomplete: "off", "aria-describedby": id + "-hint" });
    hint = el("span", { class: "field-hint", id: id + "-hint" }, "for example £750k, 750,000 or £1.2m");
  } else if (field.type === "number") {
    control = el("input", { id, type: "number", step: "any" });
  } else if (field.type === "organisation") {
    control = el("input", { id, type: "text", list: "organisations", autocomplete: "off" });
    if (field.set) hint = el("span", { class: "field-hint", id: id + "-hint" }, "several: separate with semicolons");
    if (field.set) control.setAttribute("aria-describedby", id + "-hint");
  } else {
    control = el("input", { id, type: "text", autocomplete: "off" });
    if (field.name === "id") control.value = "draft";
  }
  control.dataset.field = field.name;
  control.dataset.kind = field.type + (field.set ? "-set" : "");
  return el("div", {}, label, hint, control);
}

function buildForm() {
  const container = $("decision-fields");
  container.replaceChildren(...scheme.fields.map(fieldControl));
  $("decision-form").addEventListener("input", scheduleCheck);
  $("decision-form").addEventListener("change", scheduleCheck);
  const organisations = new Set();
  for (const organisation of scheme.organisations) { organisations.add(organisation.name); organisation.aliases.forEach((a) => organisations.add(a)); }
  for (const employer of scheme.register.employers || []) organisations.add(employer);
  $("organisations").replaceChildren(...[...organisations].sort().map((name) => el("option", { value: name })));
}

function decisionFromForm() {
  const decision = {};
  for (const control of $("decision-fields").querySelectorAll("[data-field]")) {
    const name = control.dataset.field, kind = control.dataset.kind;
    if (kind === "set-choice") {
      const ticked = [...control.querySelectorAll("input:checked")].map((box) => box.value);
      if (ticked.length) decision[name] = ticked;
      continue;
    }
    const text = control.value.trim();
    if (!text) continue;
    if (kind.endsWith("-set")) decision[name] = text.split(/\s*;\s*/).filter(Boolean);
    else if (kind === "number") decision[name] = Number(text);
    else if (kind === "money") decision[name] = text.replace(/\s+/g, "");
    else decision[name] = text;
  }
  const attendees = $("check-attendees").value.split("\n").map((s) => s.trim()).filter(Boolean);
  if (attendees.length) decision.meeting = { attendees };
  return decision;
}

function scheduleCheck() {
  if (editStarted === null) editStarted = performance.now();
  $("check-result").setAttribute("aria-busy", "true");
  clearTimeout(pending);
  pending = setTimeout(runCheck, 30);
}

async function runCheck() {
  pending = null;
  const decision = decisionFromForm();
  const mine = ++sequence;
  const [check, explain] = await Promise.all([api("/v1/check", decision), api("/v1/explain", decision)]);
  if (mine !== sequence) return;   // a newer edit is on its way
  $("check-result").replaceChildren(...(check.ok ? renderReport(check.json, explain.ok ? explain.json : null) : renderErrors(check.json)));
  if (pending === null) {   // no newer edit waiting
    $("check-result").setAttribute("aria-busy", "false");
    // How long from the keystroke to the answer on screen (read by scripts/page-test).
    if (editStarted !== null) $("check-result").dataset.answeredInMs = String(Math.round(performance.now() - editStarted));
    editStarted = null;
  }
}

function renderErrors(error) {
  return [el("h3", {}, "The decision cannot be checked yet"),
    el("ul", {}, (error.errors || []).map((e) => el("li", { class: "finding-error" }, e.field ? e.field + ": " : "", e.message, " [" + e.code + "]")))];
}

function section(title, items) {
  if (!items || !items.length) return null;
  return el("div", {}, el("h3", {}, title), el("ul", {}, items));
}

function renderReport(report, explanation) {
  const parts = [];
  parts.push(el("p", { class: "verdict " + (report.can_proceed ? "ok" : "bad") },
    report.can_proceed ? "May proceed" : "May NOT proceed", " — ", report.outcome));
  parts.push(el("p", { class: "muted" }, "Under ", report.scheme.name, " ", report.scheme.version));
  parts.push(section("Approvals, in order", report.approvals.map((a) => el("li", {},
    a.action === "recommend" ? "Recommendation by " : "Approval by ", el("strong", {}, a.by_title || a.by),
    " (rule ", a.rule, a.citation ? "; " + a.citation : "", ")"))) || el("p", {}, "No approval is required."));
  parts.push(section("Procedures", report.procedures.map((p) => el("li", {}, p.title || p.id, " (rule ", p.rule, ")"))));
  parts.push(section("Notices", report.notices.map((n) => el("li", {}, "Notice to ", n.to_title || n.to,
    n.deemed_approved_on ? "; deemed approved on " + n.deemed_approved_on + " (after " + n.deemed_approved_after + ")" : ""))));
  if (report.recusals) parts.push(section("Recusals", report.recusals.map((r) => el("li", {}, el("strong", {}, r.person), ": ", r.level,
    el("ul", {}, (r.reasons || []).map((reason) => el("li", {}, reason.interest, reason.organisation ? " — " + reason.organisation : "",
      reason.declaration ? ": " + reason.declaration : "")))))) || el("p", {}, "Nobody on the register need recuse."));
  if (report.quorum) parts.push(el("div", {}, el("h3", {}, "Quorum"), el("p", {}, report.quorum.body, ": ", report.quorum.met ? "met" : "NOT met",
    " (" + report.quorum.counted + " counted of " + report.quorum.present + " present)"),
    el("ul", {}, report.quorum.failed_clauses.map((c) => el("li", {}, "failed: ", c)))));
  parts.push(section("Findings", report.findings.map((f) => el("li", { class: "finding-" + f.severity }, f.severity, " ", f.code, ": ", f.message, f.blocking ? " (blocking)" : ""))));
  parts.push(section("Nearest rules that did not apply", (report.near_misses || []).map((m) => el("li", {}, m.rule, ": ", m.failed))));
  if (explanation) {
    parts.push(el("details", {}, el("summary", {}, "Why: every rule, fired or not"),
      el("ul", {}, explanation.rules.map((rule) => el("li", {}, el("strong", {}, rule.id), " ", rule.status, ": ", rule.reason || "",
        rule.missing_fields && rule.missing_fields.length ? " (missing " + rule.missing_fields.join(", ") + ")" : "")))));
  }
  return parts.filter(Boolean);
}

// ---- Screen a meeting ----
function buildMeeting() {
  $("meeting-body").replaceChildren(...scheme.bodies.map((b) => el("option", { value: b.id }, b.id + " — " + b.title)));
  $("meeting-date").value = today();
  $("meeting-body").addEventListener("change", showMembers);
  showMembers();
  $("agenda-add").addEventListener("click", () => {
    const title = $("agenda-title").value.trim() || "Item " + (agenda.length + 1);
    const item = { id: String(agenda.length + 1), title };
    if ($("agenda-with-decision").checked) item.decision = decisionFromForm();
    if (item.decision) delete item.decision.meeting;
    agenda.push(item);
    $("agenda-title").value = "";
    showAgenda();
  });
  $("meeting-person-add").addEventListener("click", () => {
    const name = $("meeting-person").value.trim();
    if (!name) return;
    $("meeting-others").value += ($("meeting-others").value && !$("meeting-others").value.endsWith("\n") ? "\n" : "") + name + "\n";
    $("meeting-person").value = "";
    $("meeting-person").focus();
  });
  $("meeting-form").addEventListener("submit", (event) => { event.preventDefault(); screenMeeting(); });
}

function showMembers() {
  const body = scheme.bodies.find((b) => b.id === $("meeting-body").value);
  const members = (body && body.members) || [];
  const names = new Set([...scheme.register.people, ...members.map((m) => m.name)]);
  $("people").replaceChildren(...[...names].sort().map((name) => el("option", { value: name })));
  $("meeting-members").replaceChildren(...(members.length ? members.map((m, i) => el("label", {},
    el("input", { type: "checkbox", value: m.name, id: "member-" + i, checked: true }), m.name + (m.role ? " (" + m.role + ")" : "")))
    : [el("p", { class: "muted" }, "The scheme lists no members for this body; type the attendees below.")]));
}

function showAgenda() {
  $("agenda-items").replaceChildren(...agenda.map((item, index) => el("li", {}, item.title, item.decision ? " — decision " + (item.decision.id || "") : "",
    " ", el("button", { type: "button", "aria-label": "Remove item " + item.title, "data-index": index }, "Remove"))));
  for (const button of $("agenda-items").querySelectorAll("button")) {
    button.addEventListener("click", () => { agenda.splice(Number(button.dataset.index), 1); showAgenda(); });
  }
}

function meetingFromForm() {
  const ticked = [...$("meeting-members").querySelectorAll("input:checked")].map((box) => box.value);
  const others = $("meeting-others").value.split("\n").map((s) => s.trim()).filter(Boolean);
  return { body: $("meeting-body").value, date: $("meeting-date").value, attendees: [...ticked, ...others],
    items: agenda.map((item) => Object.assign({}, item)) };
}

async function screenMeeting() {
  const request = meetingFromForm();
  const answer = await api("/v1/meeting", request);
  if (!answer.ok) { $("meeting-result").replaceChildren(...renderErrors(answer.json)); $("meeting-downloads").hidden = true; return; }
  $("meeting-result").replaceChildren(...renderMeeting(answer.json));
  // The downloads are the board papers (`probity report`), made by the server.
  const papers = await Promise.all(["markdown", "html"].map((format) => fetch("/v1/meeting/paper?format=" + format, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) }).then((r) => r.ok ? r.text() : null)));
  if (papers[0] === null || papers[1] === null) { $("meeting-downloads").hidden = true; return; }
  $("download-md").href = URL.createObjectURL(new Blob([papers[0]], { type: "text/markdown" }));
  $("download-html").href = URL.createObjectURL(new Blob([papers[1]], { type: "text/html" }));
  $("meeting-downloads").hidden = false;
}

function renderMeeting(meeting) {
  return [el("h3", {}, "Meeting of ", meeting.body || "?", meeting.date ? " on " + meeting.date : ""),
    el("p", {}, meeting.attendees.length + " attendees"),
    el("ol", {}, meeting.items.map((item) => el("li", {}, el("strong", {}, item.title || item.id),
      item.report ? el("div", {}, ...renderReport(item.report, null)) : el("p", { class: "muted" }, "No decision."))))];
}

// ---- Browse the scheme ----
function buildBrowser() {
  const children = new Map();
  for (const body of scheme.bodies) {
    const parent = body.parent || body.advises || "";
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(body);
  }
  const branch = (parent) => el("ul", {}, (children.get(parent) || []).map((body) => el("li", {},
    el("strong", {}, body.title), " (", body.id, body.advises ? ", advises " + body.advises : "", ")",
    body.source ? el("span", { class: "muted" }, " — ", body.source) : null,
    body.quorum && body.quorum.length ? el("div", { class: "muted" }, "quorum: ", body.quorum.join("; ")) : null,
    body.members && body.members.length ? el("details", {}, el("summary", {}, body.members.length + " members"),
      el("ul", {}, body.members.map((m) => el("li", {}, m.name, m.role ? " — " + m.role : "", m.voting ? "" : " (non-voting)", m.chair ? " (chair)" : "")))) : null,
    children.has(body.id) ? branch(body.id) : null)));
  $("scheme-bodies").replaceChildren(el("div", { class: "tree" }, branch("")));
  const showRules = () => {
    const filter = $("rule-filter").value.trim().toLowerCase();
    const rules = scheme.rules.filter((rule) => !filter || (rule.id + " " + rule.title + " " + rule.text + " " + (rule.source || "")).toLowerCase().includes(filter));
    $("scheme-rules").replaceChildren(...rules.map((rule) => el("div", { class: "rule" },
      el("h4", {}, rule.id, ": ", rule.title),
      el("p", { class: "muted" }, rule.location, rule.source ? " — " + rule.source : ""),
      rule.approvals.length ? el("p", {}, "approval by ", rule.approvals.join(", ")) : null,
      el("details", {}, el("summary", {}, "The rule as written"), el("pre", {}, rule.text)))));
  };
  $("rule-filter").addEventListener("input", showRules);
  showRules();
  $("tree-picture").src = "/v1/scheme/tree.svg";
  const kind = scheme.fields.find((f) => f.name === "kind");
  $("ladder-kind").replaceChildren(...((kind && kind.choices) || []).map((c) => el("option", { value: c }, c)));
  $("ladder-on").value = today();
  $("ladder-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const url = "/v1/scheme/ladder.svg?kind=" + encodeURIComponent($("ladder-kind").value) + "&on=" + encodeURIComponent($("ladder-on").value);
    const response = await fetch(url);
    if (!response.ok) {
      const error = await response.json();
      $("ladder-problem").textContent = (error.errors || []).map((e) => e.message).join("; ");
      $("ladder-picture").removeAttribute("src");
      return;
    }
    $("ladder-problem").textContent = "";
    $("ladder-picture").alt = "Who decides a " + $("ladder-kind").value + " on " + $("ladder-on").value + ", by amount";
    $("ladder-picture").src = url;
  });
}

async function start() {
  setUpTabs();
  const answer = await api("/v1/scheme");
  scheme = answer.json;
  $("scheme-line").textContent = scheme.name + " " + scheme.version + " · digest " + scheme.digest.slice(0, 12) +
    (scheme.register.file ? " · register " + scheme.register.file : " · no register");
  if (scheme.last_reload && scheme.last_reload.succeeded === false) {
    $("reload-problem").hidden = false;
    $("reload-diagnostics").textContent = scheme.last_reload.diagnostics;
  }
  buildForm();
  buildMeeting();
  buildBrowser();
  runCheck();
}
document.addEventListener("DOMContentLoaded", start);
