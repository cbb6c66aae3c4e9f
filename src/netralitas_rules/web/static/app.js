// The supervisor's page: a client of the HTTP API. Every case datum shown here is read from
// /v1/... as the API answers it (verdict sentences, findings, deadlines, events); this script
// only lays it out. Texts come from the page's catalogue, embedded by the server.
"use strict";

const DATA = JSON.parse(document.getElementById("page-data").textContent);
const LANG = DATA.lang;
const TOKEN_KEY = "netralitas.token";

// Numbers, shares and plural forms as the page's language writes them.
const NUMBER = new Intl.NumberFormat(LANG === "en" ? "en-GB" : "id-ID");
const PERCENT = new Intl.NumberFormat(LANG === "en" ? "en-GB" : "id-ID", { style: "percent", maximumFractionDigits: 1 });
const PLURAL = new Intl.PluralRules(LANG === "en" ? "en-GB" : "id-ID");

function t(key, fill, count) {
  // With a count: the key's singular form (key + ".one") where the language has one and the
  // count takes it ('1 case' in English; Indonesian nouns do not change, '1 kasus').
  if (count !== undefined && PLURAL.select(count) === "one" && (key + ".one") in DATA.texts) key += ".one";
  let text = DATA.texts[key];
  if (text === undefined) throw new Error("no text " + key);
  for (const [k, v] of Object.entries(fill || {})) text = text.split("{" + k + "}").join(String(v));
  return text;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function dateText(iso) {
  // As people write it: '29 Maret 2019' (the library's month names).
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  return d + " " + t("month." + m) + " " + y;
}

function label(prefix, value) {
  const key = prefix + value;
  return key in DATA.texts ? t(key) : value;
}

function stepName(id) {
  // A deadline step's label, as data/deadlines.yaml writes it (the server passes them in).
  return Object.hasOwn(DATA.steps, id) ? DATA.steps[id] : id;
}

function token() { return sessionStorage.getItem(TOKEN_KEY) || ""; }

async function api(method, path, body) {
  const headers = { "Accept-Language": LANG };
  if (token()) headers["Authorization"] = "Bearer " + token();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let json = null;
  try { json = await r.json(); } catch (e) { json = null; }
  return { status: r.status, ok: r.ok, json };
}

function setupToken() {
  const form = document.getElementById("token-form");
  const status = document.getElementById("token-status");
  status.textContent = token() ? t("token.saved") : t("token.missing");
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const value = document.getElementById("token").value.trim();
    if (value) sessionStorage.setItem(TOKEN_KEY, value);
    document.getElementById("token").value = "";
    status.textContent = token() ? t("token.saved") : t("token.missing");
    document.dispatchEvent(new Event("token-changed"));
  });
}

// -- problems next to the fields they name ------------------------------------------------

function clearProblems(form) {
  for (const p of form.querySelectorAll("[data-err]")) { p.hidden = true; p.textContent = ""; }
  for (const f of form.querySelectorAll("[aria-invalid]")) f.removeAttribute("aria-invalid");
  const box = document.getElementById("problems");
  box.hidden = true;
  document.getElementById("problem-list").replaceChildren();
}

function showProblems(form, doc) {
  const box = document.getElementById("problems");
  const list = document.getElementById("problem-list");
  const items = (doc && doc.problems && doc.problems.length) ? doc.problems : [];
  if (!items.length) list.append(el("li", {}, (doc && (doc.detail || doc.title)) || t("error.network")));
  for (const p of items) {
    // The deepest field the key path names (activities.0.candidate_ids.1 -> ...candidate_ids).
    let path = p.key_path.replace(/^body\./, "");
    let slot = null;
    while (path && !(slot = form.querySelector('[data-err="' + CSS.escape(path) + '"]'))) {
      path = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
    }
    const text = p.key_path ? p.key_path + ": " + p.message : p.message;
    if (slot) {
      slot.textContent = slot.textContent ? slot.textContent + " " + p.message : p.message;
      slot.hidden = false;
      const field = form.querySelector('[name="' + CSS.escape(path) + '"]');
      if (field) field.setAttribute("aria-invalid", "true");
      const link = el("a", { href: "#" + (field ? field.id : slot.id) }, text);
      list.append(el("li", {}, link));
    } else {
      list.append(el("li", {}, text));
    }
  }
  box.hidden = false;
  box.focus && box.setAttribute("tabindex", "-1");
  box.focus();
}

// -- the form's fields as JSON, by their key paths ----------------------------------------

function fieldValue(f) {
  const kind = f.dataset.kind;
  if (kind === "bool") {
    // Left out when it says the model's default; a field whose default is yes sends its no.
    if (f.value === "unknown") return "unknown";
    const value = f.value === "true";
    return value === (f.dataset.default === "true") ? undefined : value;
  }
  if (kind === "multi") {
    const v = Array.from(f.selectedOptions).map((o) => o.value);
    if (v.includes("unknown")) return "unknown";
    return v.length ? v : undefined;
  }
  const v = f.value.trim();
  if (!v) return undefined;
  if (kind === "list") return v.split(",").map((s) => s.trim()).filter(Boolean);
  if (kind === "count") return /^\d+$/.test(v) ? Number(v) : v;
  return v;
}

function setPath(out, path, value) {
  const parts = path.split(".");
  let node = out;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) { node[part] = value; return; }
    if (!(part in node)) node[part] = /^\d+$/.test(parts[i + 1]) ? [] : {};
    node = node[part];
  });
}

function getPath(out, path) {
  let node = out;
  for (const part of path.split(".")) { if (node === undefined || node === null) return undefined; node = node[part]; }
  return node;
}

function dropEmptyItems(node) {
  // A repeated item left empty is no item (also inside the ASN: prior sanctions).
  if (!node || typeof node !== "object") return;
  for (const key of Object.keys(node)) {
    if (Array.isArray(node[key]) && node[key].some((x) => x && typeof x === "object")) {
      node[key] = node[key].filter((x) => x && Object.keys(x).length);
      node[key].forEach(dropEmptyItems);
    } else if (!Array.isArray(node[key])) {
      dropEmptyItems(node[key]);
    }
  }
}

function formJson(form) {
  const out = {};
  for (const f of form.querySelectorAll("[name]")) {
    const value = fieldValue(f);
    if (value !== undefined) setPath(out, f.name, value);
  }
  // A fact left unknown, and an act's date known only as a range.
  for (const box of form.querySelectorAll("[data-unknown-for]")) {
    if (box.checked) setPath(out, box.dataset.unknownFor, "unknown");
  }
  for (const to of form.querySelectorAll("[data-range-for]")) {
    const end = to.value.trim();
    const start = getPath(out, to.dataset.rangeFor);
    if (end && end !== start) setPath(out, to.dataset.rangeFor, { from: start, to: end });
  }
  dropEmptyItems(out);
  return out;
}

// -- intake -------------------------------------------------------------------------------

function renumber(section) {
  const items = document.querySelectorAll('[data-items="' + section + '"] > fieldset');
  items.forEach((item, i) => {
    for (const node of item.querySelectorAll("[name],[id],[for],[data-err],[aria-describedby],[data-unknown-for],[data-range-for]")) {
      for (const attr of ["name", "id", "for", "data-err", "aria-describedby", "data-unknown-for", "data-range-for"]) {
        const v = node.getAttribute(attr);
        if (v) node.setAttribute(attr, v.replace(new RegExp("(" + section + "[.-])\\d+"), "$1" + i));
      }
    }
    const legend = item.querySelector("legend");
    legend.textContent = legend.dataset.template.replace("__n__", String(i + 1));
  });
}

function addItem(section) {
  const tpl = document.getElementById("tpl-" + section);
  const box = document.querySelector('[data-items="' + section + '"]');
  const n = box.children.length;
  const html = tpl.innerHTML.split("__i__").join(String(n));
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const item = holder.firstElementChild;
  const legend = item.querySelector("legend");
  legend.dataset.template = legend.textContent;
  legend.textContent = legend.textContent.replace("__n__", String(n + 1));
  item.querySelector("[data-remove]").addEventListener("click", () => {
    item.remove();
    renumber(section);
    document.getElementById("add-" + section).focus();
  });
  box.append(item);
  const first = item.querySelector("input,select,textarea");
  if (first) first.focus();
  return item;
}

// -- the questions that decide a partial case (POST /v1/questions) ------------------------

const FACT_VOCAB = {
  "activity.kind": "ActivityKind", "activity.channel": "Channel", "activity.audience": "Audience",
  "activity.attributes_worn": "Attribute", "asn.position_kind": "PositionKind", "candidate.office": "Office",
};

function choiceLabel(fact, value) {
  if (value === "true") return t("bool.yes");
  if (value === "false") return t("bool.no");
  const found = (DATA.choices[FACT_VOCAB[fact]] || []).find(([v]) => v === value);
  return found ? found[1] : value;
}

function dotted(path) { return path.replace(/\[(\d+)\]/g, ".$1"); }

function questionField(q, i) {
  const id = "q-" + i;
  const attrs = { id, "data-answer-for": dotted(q.path), "data-fact": q.fact, "aria-describedby": id + "-hint" };
  const enumLike = q.allowed.every((v) => /^[A-Za-z_]+$/.test(v));
  let input;
  if (q.many || enumLike) {
    input = el("select", q.many ? { ...attrs, multiple: "", size: String(Math.min(q.allowed.length, 5)), "data-many": "" } : attrs,
      ...(q.many ? [] : [el("option", { value: "" }, t("questions.dont_know"))]),
      ...q.allowed.map((v) => el("option", { value: v }, choiceLabel(q.fact, v))));
  } else {
    const isDate = /date$/.test(q.fact);
    input = el("input", { ...attrs, type: isDate ? "date" : "number", min: isDate ? null : "0", "data-count": isDate ? null : "" });
  }
  const hint = [t("questions.share", { share: PERCENT.format(q.decisiveness) })];
  if (!enumLike && !q.many) hint.unshift(t("questions.allowed", { values: q.allowed.join("; ") }));
  return el("div", { class: "field wide question", "data-path": q.path },
    el("label", { for: id }, LANG === "en" ? q.text_en : q.text), input,
    el("p", { class: "hint", id: id + "-hint" }, hint.join(" ")));
}

function answerValue(f) {
  if (f.hasAttribute("data-many")) {
    const v = Array.from(f.selectedOptions).map((o) => o.value);
    return v.length ? v : undefined;
  }
  const v = f.value.trim();
  if (!v) return undefined;
  if (v === "true" || v === "false") return v === "true";
  if (f.hasAttribute("data-count")) return /^\d+$/.test(v) ? Number(v) : v;
  return v;
}

function withAnswers(body) {
  for (const f of document.querySelectorAll("[data-answer-for]")) {
    const value = answerValue(f);
    if (value !== undefined) setPath(body, f.dataset.answerFor, value);
  }
  return body;
}

function showQuestions(list) {
  const box = document.getElementById("questions");
  document.getElementById("question-list").replaceChildren(...list.map(questionField));
  box.hidden = !list.length;
  box.dataset.count = String(list.length);
}

function setupIntake() {
  const form = document.getElementById("intake");
  let asked = null;  // the case (without answers) whose questions are shown
  for (const b of form.querySelectorAll("[data-add]")) {
    b.addEventListener("click", () => addItem(b.dataset.add));
  }
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblems(form);
    const body = formJson(form);
    const key = JSON.stringify(body);
    let r;
    if (key !== asked) {
      // Before registering: the unknown facts that decide the outcome, most decisive first.
      try { r = await api("POST", "/v1/questions", body); } catch (e) { r = { status: 0, json: null }; }
      if (!r.ok) { showProblems(form, r.json); return; }
      showQuestions(r.json);
      asked = key;
      if (r.json.length) {
        document.getElementById("questions-status").textContent = t("questions.asked", { n: NUMBER.format(r.json.length) }, r.json.length);
        document.getElementById("h-questions").setAttribute("tabindex", "-1");
        document.getElementById("h-questions").focus();
        return;
      }
    }
    try { r = await api("POST", "/v1/cases", withAnswers(body)); } catch (e) { r = { status: 0, json: null }; }
    if (r.status === 201) {
      location.assign(DATA.prefix + "/cases/" + encodeURIComponent(r.json.id) + "?lang=" + LANG);
      return;
    }
    if (r.status === 409) {
      // The id is taken: what happened to that case is recorded on its page, as an event,
      // not by registering it again (the API's detail names the command line's way).
      showProblems(form, { problems: [{ key_path: "id", message: t("intake.duplicate", { id: body.id }) }] });
      const page = DATA.prefix + "/cases/" + encodeURIComponent(body.id) + "?lang=" + LANG;
      document.getElementById("problem-list").append(
        el("li", {}, el("a", { href: page, id: "duplicate-case" }, t("intake.open_case", { id: body.id }))));
      return;
    }
    showProblems(form, r.json);
  });
}

// -- a case -------------------------------------------------------------------------------

function auditText(track) { return LANG === "en" ? track.text_en : track.text; }

function renderCase(c) {
  const audit = c.report.assessment.audit;
  document.getElementById("verdict").textContent =
    t("view.overall", { verdict: label("verdict.", c.verdict) });
  document.getElementById("verdict").dataset.verdict = c.verdict;
  document.getElementById("track-verdicts").replaceChildren(...audit.tracks.map((tr) =>
    el("li", { "data-track": tr.track },
      el("strong", {}, t("view.track_line", { track: label("track.", tr.track), verdict: label("verdict.", tr.verdict) })),
      " ", auditText(tr))));

  const due = document.getElementById("due");
  due.replaceChildren();
  delete due.dataset.closed;
  // A closed case takes no event (the register refuses one): said here, and no form.
  document.getElementById("event-section").hidden = Boolean(c.closed_on);
  if (c.closed_on) {
    due.append(t("view.closed", { date: dateText(c.closed_on) }));
    due.dataset.closed = c.closed_on;
    delete due.dataset.on;
  } else if (c.due) {
    due.append(t("view.due", { step: stepName(c.due.what), date: dateText(c.due.on) }));
    due.dataset.on = c.due.on;
    if (c.overdue) due.append(" ", el("strong", { class: "late" }, t("view.due_overdue")));
  } else {
    due.append(t("view.no_due"));
    delete due.dataset.on;
  }

  renderRouting(c.report.assessment);

  const findings = c.report.findings;
  document.getElementById("findings").replaceChildren(...(findings.length ? findings.map((f) =>
    el("li", {},
      el("strong", {}, LANG === "en" ? f.title_en : f.title), " (", f.instrument_name, ")",
      el("br"), t("view.act", { act: f.activity_id, date: dateText(f.activity_date) }),
      el("br"), LANG === "en" ? f.summary_en : f.summary,
      el("ul", { class: "cites" }, ...f.citations.map((ci) => el("li", {}, el("cite", {}, ci.text)))),
      el("span", { class: "certainty" }, t("view.certainty", { level: label("certainty.", f.certainty.level) }))))
    : [el("li", {}, t("view.no_findings"))]));
  const unproven = c.report.not_established || [];
  if (unproven.length) {
    document.getElementById("findings").append(
      el("li", { class: "not-established" }, t("view.not_established", { acts: unproven.join(", ") })));
  }

  const recs = c.report.assessment.recommendations;
  document.getElementById("recommendations").replaceChildren(...(recs.length ? recs.map((r) =>
    el("li", {},
      el("strong", {}, label("track.", r.track)),
      r.tier ? " · " + t("view.tier", { tier: label("tier.", r.tier) }) : "",
      r.forms.length ? ": " + r.forms.map((fm) => LANG === "en" ? fm.text_en : fm.text).join("; ") : "",
      r.forms_citation ? el("span", {}, " (", el("cite", {}, r.forms_citation), ")") : ""))
    : [el("li", {}, t("view.no_recommendation"))]));

  // The register's warnings about the order of the events (recorded, worth a look), under
  // the event each is about, in the API's words.
  const warned = (seq) => (c.warnings || []).filter((w) => w.seq === seq).map((w) =>
    el("span", { class: "warning", "data-code": w.code }, el("br"), t("view.event_warning", { text: pick(w, "text") })));
  document.getElementById("events").replaceChildren(...(c.event_list.length ? c.event_list.map((e, i) =>
    el("li", {}, el("time", { datetime: e.date }, dateText(e.date)), ": ", label("event_kind.", e.kind),
      e.source ? " (" + label("source.", e.source) + ")" : "",
      e.track ? " · " + label("track.", e.track) : "",
      e.tier ? " " + label("tier.", e.tier) : "",
      e.form ? " · " + e.form : "", e.by ? " · " + e.by : "", e.note ? " · " + e.note : "",
      ...warned(i + 1)))
    : [el("li", {}, t("view.no_events"))]));
  document.getElementById("case-status").textContent = "";
  document.getElementById("case").dataset.loaded = c.events;
}

function pick(obj, key) { return LANG === "en" ? obj[key + "_en"] : obj[key]; }

function basisText(b) { return b.instrument + (b.pinpoint ? " " + b.pinpoint : ""); }

function renderRouting(a) {
  // The audit's routing and conflicts as the API answers them (sanctions stage), laid out.
  const steps = a.routing.steps;
  document.getElementById("routing").replaceChildren(...(steps.length ? steps.map((st) =>
    el("li", { "data-step": st.id },
      el("strong", {}, t("view.route_step", { actor: pick(st, "actor"), action: pick(st, "action") })),
      el("br"), t("view.route_scope", { tracks: st.tracks.map((x) => label("track.", x)).join(", "), acts: st.activity_ids.join(", ") }),
      st.basis.length ? el("br") : "",
      st.basis.length ? t("view.basis", { basis: st.basis.map(basisText).join("; ") }) : ""))
    : [el("li", {}, t("view.no_routing"))]));
  document.getElementById("routing-notes").replaceChildren(...a.routing.notes.map((n) =>
    el("li", {}, pick(n, "text"), " ", el("span", { class: "certainty" }, t("view.certainty", { level: label("certainty.", n.certainty) })))));
  const conflicts = a.conflicts;
  document.getElementById("conflicts").replaceChildren(...(conflicts.length ? conflicts.map((cf) =>
    el("li", { "data-kind": cf.kind }, pick(cf, "text"),
      cf.takeover.length ? el("br") : "",
      cf.takeover.length ? t("view.takeover", { actors: cf.takeover.map((x) => pick(x, "actor")).join("; ") }) : "",
      cf.policy_advice ? " " + t("view.policy_advice") : ""))
    : [el("li", {}, t("view.no_conflicts"))]));
  document.getElementById("risks").replaceChildren(...(a.risks || []).map((r) =>
    el("li", { "data-kind": r.kind }, t("view.risk", { text: pick(r, "text") }))));
}

function timeText(iso) {
  // The evaluation's moment as the register logged it: its day, and the time (UTC).
  return dateText(iso) + " " + iso.slice(11, 16);
}

async function loadLog(id) {
  const status = document.getElementById("log-status");
  let r;
  try { r = await api("GET", "/v1/cases/" + encodeURIComponent(id) + "/log"); } catch (e) { r = { status: 0, json: null }; }
  if (!r.ok) { status.textContent = (r.json && r.json.detail) || t("error.network"); return; }
  const body = document.querySelector("#log tbody");
  const cell = (key, content, attrs) => el("td", { "data-label": t("log." + key), ...(attrs || {}) }, content);
  body.replaceChildren(...(r.json.length ? r.json.map((e) => el("tr", { "data-seq": String(e.seq) },
    el("th", { scope: "row", "data-label": t("log.evaluated_at") }, el("time", { datetime: e.evaluated_at }, timeText(e.evaluated_at))),
    cell("seq", e.seq === 0 ? t("log.registered") : String(e.seq)),
    cell("verdict", label("verdict.", e.verdict)),
    cell("due_on", e.due_on ? dateText(e.due_on) : "—"),
    cell("as_of", dateText(e.as_of)),
    cell("actor", e.actor),
    cell("read", t("log.read_text", { version: e.library_version, backend: e.backend, input: e.input_hash.slice(0, 12), rules: e.regulations_hash.slice(0, 12) }), { class: "small" })))
    : [el("tr", {}, el("td", { colspan: "7" }, t("log.empty")))]));
  status.textContent = "";
  document.getElementById("log").dataset.loaded = String(r.json.length);
}

async function loadCase() {
  const id = document.getElementById("case").dataset.caseId;
  const status = document.getElementById("case-status");
  if (!token()) { status.textContent = t("token.missing"); return; }
  let r;
  try { r = await api("GET", "/v1/cases/" + encodeURIComponent(id)); } catch (e) { r = { status: 0, json: null }; }
  // A case that cannot be read (not registered, outside the token's scope) shows the
  // API's words and nothing else: no empty sections, no form to record an event for it.
  for (const part of document.querySelectorAll("#case > section, #case > p.noprint, #event-section")) {
    part.hidden = !r.ok;
  }
  if (r.ok) { renderCase(r.json); await loadLog(id); }
  else status.textContent = (r.json && r.json.detail) || t("error.network");
}

function setupCase() {
  document.getElementById("print").addEventListener("click", () => window.print());
  const form = document.getElementById("event-form");
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearProblems(form);
    const id = document.getElementById("case").dataset.caseId;
    let r;
    try { r = await api("POST", "/v1/cases/" + encodeURIComponent(id) + "/events", formJson(form)); }
    catch (e) { r = { status: 0, json: null }; }
    if (r.status === 201) {
      form.reset(); await loadLog(id); renderCase(r.json); document.getElementById("verdict").focus(); return;
    }
    showProblems(form, r.json);
  });
  document.getElementById("verdict").setAttribute("tabindex", "-1");
  document.addEventListener("token-changed", loadCase);
  loadCase();
}

// -- follow-up lists ----------------------------------------------------------------------

const VIEWS = {
  overdue: { overdue: "true" },
  awaiting: { status: "not_yet_imposed" },
  under: { status: "under_sanctioned" },
  conflicted: {},
  all: {},
};
const FILTERS = { agency: "agency", region: "region", election: "election", from: "registered_from", to: "registered_to" };
const BASE_COLUMNS = ["id", "agency", "region", "election", "verdict", "due", "step"];
let COLUMNS = BASE_COLUMNS;

function cells(row) {
  return {
    id: row.id, agency: row.agency || "", region: row.region || "", election: row.election,
    verdict: label("verdict.", row.verdict),
    due: row.due ? dateText(row.due.on) : "", step: row.due ? stepName(row.due.what) : "",
    conflict: row.conflicts ? row.conflicts.map((cf) => pick(cf, "text")).join(" ") : "",
  };
}

async function ppkConflicts(rows, status) {
  // The conflicted-PPK list: the conflicts each case's record answers (GET /v1/cases/{id},
  // report.assessment.conflicts), kept when the official who must act is the PPK.
  status.textContent = t("list.checking", { n: NUMBER.format(rows.length) }, rows.length);
  const kept = [];
  for (let i = 0; i < rows.length; i += 4) {
    const part = rows.slice(i, i + 4);
    const answers = await Promise.all(part.map((row) => api("GET", "/v1/cases/" + encodeURIComponent(row.id))));
    answers.forEach((r, j) => {
      if (!r.ok) return;
      const found = r.json.report.assessment.conflicts.filter((cf) => cf.official_role === "PPK");
      if (found.length) kept.push({ ...part[j], conflicts: found });
    });
  }
  return kept;
}

let listed = [];

async function loadList() {
  const params = new URLSearchParams(location.search);
  const view = VIEWS[params.get("view")] ? params.get("view") : "overdue";
  document.getElementById("f-view").value = view;
  const query = new URLSearchParams(VIEWS[view]);
  for (const [k, api_name] of Object.entries(FILTERS)) {
    document.getElementById("f-" + k).value = params.get(k) || "";
    if (params.get(k)) query.set(api_name, params.get(k));
  }
  query.set("limit", "1000");
  COLUMNS = view === "conflicted" ? [...BASE_COLUMNS, "conflict"] : BASE_COLUMNS;
  document.getElementById("th-conflict").hidden = view !== "conflicted";
  const status = document.getElementById("list-status");
  if (!token()) { status.textContent = t("token.missing"); return; }
  let r;
  try { r = await api("GET", "/v1/cases?" + query.toString()); } catch (e) { r = { status: 0, json: null }; }
  if (!r.ok) { status.textContent = (r.json && r.json.detail) || t("error.network"); return; }
  listed = view === "conflicted" ? await ppkConflicts(r.json, status) : r.json;
  const body = document.querySelector("#cases tbody");
  body.replaceChildren(...listed.map((row) => {
    const c = cells(row);
    return el("tr", { "data-case": row.id, class: row.overdue ? "late" : null }, ...COLUMNS.map((k) => {
      const content = k === "id"
        ? el("a", { href: DATA.prefix + "/cases/" + encodeURIComponent(row.id) + "?lang=" + LANG }, c.id)
        : c[k];
      return el(k === "id" ? "th" : "td", { "data-label": t("col." + k), scope: k === "id" ? "row" : null }, content);
    }));
  }));
  status.textContent = listed.length ? t("list.count", { n: NUMBER.format(listed.length) }, listed.length) : t("list.empty");
  document.getElementById("cases").dataset.loaded = "true";
}

function csvField(v) {
  const s = String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

function setupList() {
  document.getElementById("csv").addEventListener("click", () => {
    const lines = [COLUMNS.map((k) => csvField(t("col." + k))).join(",")];
    for (const row of listed) { const c = cells(row); lines.push(COLUMNS.map((k) => csvField(c[k])).join(",")); }
    const blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    const a = el("a", { href: URL.createObjectURL(blob), download: t("list.filename") });
    document.body.append(a); a.click(); a.remove();
  });
  document.addEventListener("token-changed", loadList);
  loadList();
}

// -- dashboard ----------------------------------------------------------------------------


function rows(tbody, list, empty, width) {
  const body = document.querySelector(tbody);
  body.replaceChildren(...(list.length ? list.map((cells) =>
    el("tr", {}, el("th", { scope: "row" }, cells[0]), ...cells.slice(1).map((c) => el("td", {}, c))))
    : [el("tr", {}, el("td", { colspan: String(width) }, empty))]));
}

async function loadDashboard() {
  const status = document.getElementById("dash-status");
  if (!token()) { status.textContent = t("token.missing"); return; }
  let r;
  try { r = await api("GET", "/v1/stats"); } catch (e) { r = { status: 0, json: null }; }
  if (!r.ok) { status.textContent = (r.json && r.json.detail) || t("error.network"); return; }
  const s = r.json;
  document.getElementById("kpi-cases").textContent = NUMBER.format(s.cases);
  document.getElementById("kpi-open").textContent = NUMBER.format(s.open);
  document.getElementById("kpi-overdue").textContent = NUMBER.format(s.overdue);
  document.getElementById("kpi-rate").textContent =
    s.follow_up_rate === null ? t("dash.rate_none") : PERCENT.format(s.follow_up_rate);
  rows("#by-verdict tbody", Object.entries(s.by_verdict).filter(([, n]) => n > 0)
    .map(([v, n]) => [label("verdict.", v), NUMBER.format(n)]), t("dash.empty"), 2);
  rows("#overdue-by-agency tbody", Object.entries(s.overdue_by_agency)
    .map(([a, n]) => [a || t("dash.no_agency"), NUMBER.format(n)]), t("dash.empty"), 2);
  rows("#under-by-election tbody", Object.entries(s.under_sanctioned_by_election)
    .map(([e, x]) => [e, NUMBER.format(x.under_sanctioned), NUMBER.format(x.compared),
      x.compared ? PERCENT.format(x.under_sanctioned / x.compared) : "—"]), t("dash.empty"), 4);
  renderCharts(s);
  status.textContent = "";
  document.getElementById("dashboard").dataset.loaded = "true";
}

// Charts: inline SVG drawn at the figure's own width (text at its real size, nothing wider
// than the page), from the API's counts only.
const SVG_NS = "http://www.w3.org/2000/svg";
const PALETTE = ["#0b3a63", "#c35d00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037"];

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function monthText(ym) { const [y, m] = ym.split("-").map(Number); return t("month." + m) + " " + y; }

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [ly, lm] = last.split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(y + "-" + String(m).padStart(2, "0"));
    m += 1; if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

function chartWidth(figure) { return Math.max(260, Math.floor(figure.clientWidth || 600)); }

function wrapText(text, chars) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + " " + word).length > chars) { lines.push(line); line = word; }
    else line = line ? line + " " + word : word;
  }
  if (line) lines.push(line);
  return lines;
}

function renderTrend(figure, byMonth) {
  // One line per election, broken where a month has no case due: election periods show
  // as gaps, never as lines joined across them.
  const elections = Object.keys(byMonth).sort();
  const all = elections.flatMap((e) => Object.keys(byMonth[e])).sort();
  if (!all.length) { figure.replaceChildren(el("p", {}, t("dash.empty"))); return; }
  const months = monthsBetween(all[0], all[all.length - 1]);
  const W = chartWidth(figure), H = 280, left = 56, right = 16, top = 14, bottom = 58;
  const pw = W - left - right, ph = H - top - bottom;
  const x = (i) => left + (months.length === 1 ? pw / 2 : (i * pw) / (months.length - 1));
  const y = (v) => top + ph - v * ph;
  const g = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img", "aria-labelledby": "h-trend", class: "chart-svg" });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    g.append(svg("line", { x1: left, x2: W - right, y1: y(v), y2: y(v), class: "grid-line" }));
    g.append(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, PERCENT.format(v)));
  }
  const every = Math.max(1, Math.ceil(months.length / Math.max(1, Math.floor(pw / 110))));
  months.forEach((m, i) => {
    if (i % every) return;
    g.append(svg("line", { x1: x(i), x2: x(i), y1: top + ph, y2: top + ph + 5, class: "axis" }));
    g.append(svg("text", { x: x(i), y: top + ph + 20, "text-anchor": "middle", class: "tick" }, monthText(m)));
  });
  g.append(svg("line", { x1: left, x2: W - right, y1: top + ph, y2: top + ph, class: "axis" }));
  g.append(svg("line", { x1: left, x2: left, y1: top, y2: top + ph, class: "axis" }));
  g.append(svg("text", { x: left + pw / 2, y: H - 8, "text-anchor": "middle", class: "axis-title" }, t("dash.axis_month")));
  g.append(svg("text", { x: 14, y: top + ph / 2, "text-anchor": "middle", transform: "rotate(-90 14 " + (top + ph / 2) + ")", class: "axis-title" }, t("dash.axis_rate")));
  const legend = el("ul", { class: "legend" });
  elections.forEach((e, n) => {
    const colour = PALETTE[n % PALETTE.length];
    const series = svg("g", { "data-election": e, stroke: colour, fill: colour });
    let segment = [];
    const flush = () => {
      if (segment.length > 1) series.append(svg("path", { d: "M" + segment.join(" L"), fill: "none", "stroke-width": 2.5 }));
      segment = [];
    };
    months.forEach((m, i) => {
      const c = byMonth[e][m];
      const due = c ? c.followed_up + c.awaiting : 0;
      if (!due) { flush(); return; }
      const rate = c.followed_up / due;
      segment.push(x(i).toFixed(1) + " " + y(rate).toFixed(1));
      series.append(svg("circle", { cx: x(i), cy: y(rate), r: 4 },
        svg("title", {}, t("dash.trend_desc", { election: e, month: monthText(m), followed: NUMBER.format(c.followed_up), due: NUMBER.format(due), share: PERCENT.format(rate) }, due))));
    });
    flush();
    g.append(series);
    legend.append(el("li", {}, el("span", { class: "swatch", style: "background:" + colour }), e));
  });
  figure.replaceChildren(g, legend);
}

function renderBars(figure, rows, axisTitle, share) {
  // Horizontal bars, each label above its bar (wrapped to the width), the value after it.
  if (!rows.length) { figure.replaceChildren(el("p", {}, t("dash.empty"))); return; }
  const W = chartWidth(figure), left = 8, right = 12, pw = W - left - right;
  const max = share ? 1 : Math.max(...rows.map((r) => r.value));
  const step = share ? 0.25 : Math.max(1, Math.ceil(max / 5));
  const top = share ? 1 : Math.ceil(max / step) * step;
  const x = (v) => left + (v / top) * pw;
  const chars = Math.max(12, Math.floor(pw / 8));
  const g = svg("svg", { role: "img", "aria-labelledby": figure.closest("section").getAttribute("aria-labelledby"), class: "chart-svg" });
  let yy = 4;
  for (const r of rows) {
    for (const line of wrapText(r.label, chars)) {
      yy += 17;
      g.append(svg("text", { x: left, y: yy, class: "bar-label" }, line));
    }
    yy += 5;
    const end = x(r.value);
    g.append(svg("rect", { x: left, y: yy, width: Math.max(1, end - left), height: 18, class: "bar" }, svg("title", {}, r.label + ": " + r.text)));
    const inside = end + 8 + r.text.length * 7.5 > W - right;
    g.append(svg("text", { x: inside ? end - 6 : end + 6, y: yy + 14, "text-anchor": inside ? "end" : "start", class: inside ? "bar-value inside" : "bar-value" }, r.text));
    yy += 26;
  }
  const axisY = yy + 4;
  g.append(svg("line", { x1: left, x2: W - right, y1: axisY, y2: axisY, class: "axis" }));
  for (let v = 0; v <= top + 1e-9; v += step) {
    g.append(svg("line", { x1: x(v), x2: x(v), y1: axisY, y2: axisY + 5, class: "axis" }));
    const anchor = v === 0 ? "start" : v >= top - 1e-9 ? "end" : "middle";
    g.append(svg("text", { x: x(v), y: axisY + 19, "text-anchor": anchor, class: "tick" }, share ? PERCENT.format(v) : NUMBER.format(v)));
  }
  const H = axisY + 46;
  g.append(svg("text", { x: left + pw / 2, y: H - 6, "text-anchor": "middle", class: "axis-title" }, axisTitle));
  for (const [k, v] of Object.entries({ width: W, height: H, viewBox: "0 0 " + W + " " + H })) g.setAttribute(k, v);
  figure.replaceChildren(g);
}

let lastStats = null;

function renderCharts(s) {
  lastStats = s;
  renderTrend(document.getElementById("chart-trend"), s.follow_up_by_month);
  renderBars(document.getElementById("chart-track-tier"),
    Object.entries(s.by_track_and_tier).flatMap(([track, tiers]) => Object.entries(tiers).map(([tier, n]) => ({
      label: t("dash.track_tier", { track: label("track.", track), tier: tier === "-" ? t("dash.no_tier") : label("tier.", tier) }),
      value: n, text: NUMBER.format(n),
    }))), t("dash.axis_cases"), false);
  renderBars(document.getElementById("chart-under-agency"),
    Object.entries(s.under_sanctioned_by_agency).map(([a, x]) => ({
      label: a || t("dash.no_agency"), value: x.compared ? x.under_sanctioned / x.compared : 0,
      text: t("dash.under_bar", { under: NUMBER.format(x.under_sanctioned), compared: NUMBER.format(x.compared), share: PERCENT.format(x.compared ? x.under_sanctioned / x.compared : 0) }, x.compared),
    })), t("dash.axis_share"), true);
  renderBars(document.getElementById("chart-overdue-step"),
    Object.entries(s.overdue_by_step).map(([step, n]) => ({
      label: step ? stepName(step) : t("dash.no_step"), value: n, text: NUMBER.format(n),
    })), t("dash.axis_cases"), false);
}

function setupDashboard() {
  document.addEventListener("token-changed", loadDashboard);
  let pending = false;
  window.addEventListener("resize", () => {
    if (pending || !lastStats) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; renderCharts(lastStats); });
  });
  loadDashboard();
}

setupToken();
if (DATA.page === "dashboard") setupDashboard();
if (DATA.page === "intake") setupIntake();
if (DATA.page === "case") setupCase();
if (DATA.page === "follow-up") setupList();
