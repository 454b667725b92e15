"""The HTML, CSS and JavaScript of ``cleaner report`` (no network, no external files).

The data is one JSON object in ``<script id="data">`` (see cleaner/report.py);
a file row is ``[path, status, input bytes, output bytes, removed share ‰,
rule indexes, reason, findings, findings not embedded, keyword indexes,
field indexes, removed lines, changed lines, context?]`` and a finding is
``[line, rule, action, reason, text, new]`` with statuses and reasons as
indexes into ``strings``.  The script renders 100 files per page and a
file's findings only when it is opened; filters live in the URL fragment
(``#rule=spam-keywords&status=cleaned&q=news&kw=…&field=…&share=0-50&sort=share&p=2&open=path``),
so a filtered view can be bookmarked, shared, or rendered by a headless browser.
"""

from __future__ import annotations

HTML = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>{{css}}</style>
</head>
<body>
<header><h1>cleaner report</h1><p id="meta"></p></header>
<main>
<section id="totals" class="cards"></section>
<section class="row">
 <div class="panel"><h2>Removed share per file</h2><div id="chart"></div><p id="chart-note" class="note"></p></div>
 <div class="panel wide"><h2>Rules <small>(lines removed and changed, characters removed)</small></h2>
  <table id="rules"></table></div>
</section>
<section class="row">
 <div class="panel"><h2>Removed keywords <small>(keyword-lines)</small></h2><table id="keywords"></table></div>
 <div class="panel"><h2>Removed contact fields <small>(contact-block)</small></h2><table id="fields"></table></div>
</section>
<section class="panel" id="files-panel">
 <h2>Files</h2>
 <div id="controls">
  <input id="q" type="search" placeholder="filter by path…" autocomplete="off">
  <select id="status"></select>
  <select id="rule"></select>
  <select id="sort">
   <option value="">sort: path</option>
   <option value="share">sort: removed share</option>
   <option value="removed">sort: lines removed</option>
  </select>
  <span id="chips"></span>
 </div>
 <p id="count"></p>
 <div class="pager" id="pager-top"></div>
 <table id="files"></table>
 <div class="pager" id="pager-bottom"></div>
</section>
</main>
<script id="data" type="application/json">{{data}}</script>
<script>{{js}}</script>
</body>
</html>
"""

CSS = """
:root{--fg:#1d2430;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--card:#fff;--accent:#2563eb;
--rm:#b91c1c;--rmbg:#fdecec;--ch:#92400e;--chbg:#fff6e0;--ok:#15803d}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC",
"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:var(--fg);background:var(--bg)}
header{background:#111827;color:#f9fafb;padding:14px 24px}
header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#cbd5e1;font-size:12px;word-break:break-all}
main{padding:16px 24px;max-width:1400px;margin:auto}
h2{font-size:15px;margin:0 0 10px}h2 small{color:var(--muted);font-weight:normal}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;margin-bottom:16px;
min-width:0}
.row{display:flex;gap:16px;flex-wrap:wrap}.row>.panel{flex:1 1 380px}.row>.panel.wide{flex:1.6 1 560px}
td.id{white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(100px,1fr));gap:8px;margin-bottom:16px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.card b{display:block;font-size:18px;white-space:nowrap}.card span{color:var(--muted);font-size:12px}
a.card{color:inherit;text-decoration:none}a.card:hover{border-color:var(--accent)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);font-size:12px;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
a{color:var(--accent);text-decoration:none;cursor:pointer}a:hover{text-decoration:underline}
.bar{height:8px;background:#dbeafe;border-radius:4px;min-width:1px}
.bar.rm{background:#fca5a5}
.share{width:110px}.share .track{background:#f1f5f9;border-radius:4px;height:8px;margin-top:5px}
.chip{display:inline-block;border-radius:10px;padding:0 8px;margin:1px 3px 1px 0;font-size:12px;
background:#eef2ff;color:#3730a3;white-space:nowrap}
.st{font-size:12px;border-radius:4px;padding:0 6px}
.st-cleaned{background:#e0f2fe;color:#075985}.st-unchanged{background:#ecfdf5;color:var(--ok)}
.st-dropped{background:#fee2e2;color:var(--rm)}.st-skipped{background:#f3f4f6;color:#4b5563}
.st-error{background:#7f1d1d;color:#fff}
#controls{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
#controls input,#controls select{font:inherit;padding:4px 8px;border:1px solid #cbd5e1;border-radius:6px}
#q{flex:1 1 240px}
#chips .chip a{margin-left:4px;color:#6b7280}
.pager{display:flex;gap:8px;align-items:center;margin:8px 0;color:var(--muted)}
.pager button{font:inherit;padding:2px 10px;border:1px solid #cbd5e1;background:#fff;border-radius:6px;cursor:pointer}
.pager button:disabled{opacity:.4;cursor:default}
tr.file{cursor:pointer}tr.file:hover{background:#f8fafc}tr.file.open{background:#eff6ff}
td.path{word-break:break-all;width:34%}
tr.detail>td{background:#fbfdff;padding:8px 8px 12px 28px}
table.findings td{font-size:13px;border-bottom:1px dashed var(--line)}
table.findings td.ln{color:var(--muted);text-align:right;width:48px;font-variant-numeric:tabular-nums}
table.findings td.txt{white-space:pre-wrap;word-break:break-all;font-family:ui-monospace,"SFMono-Regular",
Menlo,Consolas,"WenQuanYi Micro Hei",monospace}
tr.remove td.txt{color:var(--rm);background:var(--rmbg);text-decoration:line-through;text-decoration-color:#f87171}
tr.replace td.txt del{color:var(--rm);background:var(--rmbg)}tr.replace td.txt ins{color:var(--ok);
background:#e7f8ec;text-decoration:none}
tr.ctx td{color:var(--muted)}tr.ctx td.txt{background:none}
.blank{color:var(--muted);font-style:italic}
tr.remove td.txt .blank{text-decoration:none;display:inline-block}
td.why{color:var(--muted);font-size:12px}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
svg text{font-size:11px;fill:#475569}svg rect.b{fill:#60a5fa;cursor:pointer}svg rect.b:hover{fill:#2563eb}
svg rect.b.dr{fill:#f87171}
"""

JS = r"""
"use strict";
const D = JSON.parse(document.getElementById("data").textContent);
const S = D.strings, R = D.rules, F = D.files, PAGE = 100, SHORT = 8;
const ACT = ["remove", "replace", "drop", "flag"];
const t0 = performance.now();
const $ = (id) => document.getElementById(id);
const fmt = (n) => n.toLocaleString("en-US");
const mb = (n) => (n / 1e6).toFixed(n < 1e7 ? 2 : 1) + " MB";
const pct = (p) => (p / 10).toFixed(p > 0 && p < 10 ? 1 : 0) + "%";
let open = new Set();

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const kid of kids) if (kid !== null && kid !== undefined) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

// --- state in the URL fragment (a query string works too) ------------------
const KEYS = ["q", "status", "rule", "kw", "field", "share", "sort", "p", "open"];
function readState() {
  const st = {};
  for (const src of [location.search.slice(1), location.hash.slice(1)]) {
    const p = new URLSearchParams(src);
    for (const k of KEYS) if (p.has(k)) st[k] = p.get(k);
  }
  return st;
}
function go(change) {
  const st = Object.assign(readState(), change);
  if (!("p" in change)) delete st.p;
  const p = new URLSearchParams();
  for (const k of KEYS) if (st[k]) p.set(k, st[k]);
  const h = "#" + p.toString();
  if (h === location.hash || (h === "#" && !location.hash)) renderFiles(); else location.hash = h;
}
window.addEventListener("hashchange", renderFiles);
const link = (text, change) => el("a", {href: "#", onclick: (e) => { e.preventDefault(); go(change); }}, text);

// --- summary sections -------------------------------------------------------
function renderMeta() {
  const v = Object.entries(D.versions).map(([k, x]) => k + " " + x).join(", ");
  $("meta").textContent = D.audit + " · rule set " + (D.rulesets.map((s) => s.slice(0, 12)).join(", ") || "?") +
    (v ? " · " + v : "");
}
function renderTotals() {
  const removed = R.reduce((a, r) => a + r[3], 0), changed = R.reduce((a, r) => a + r[4], 0);
  const chars = R.reduce((a, r) => a + r[5], 0);
  const cards = [[fmt(F.length), "files", {status: ""}]];
  for (const [s, n] of Object.entries(D.status)) cards.push([fmt(n), s, {status: s}]);
  cards.push([mb(D.bytes[0]), "input"], [mb(D.bytes[1]), "output"], [fmt(removed), "lines removed"],
    [fmt(changed), "lines changed"], [fmt(chars), "characters removed"]);
  for (const [big, label, change] of cards) {
    const body = [el("b", {}, big), el("span", {}, label)];
    $("totals").append(change ? el("a", {class: "card", href: "#", onclick: (e) => { e.preventDefault();
      go(Object.assign({status: "", rule: "", kw: "", field: "", share: "", q: ""}, change));
      $("files-panel").scrollIntoView(); }}, ...body) : el("div", {class: "card"}, ...body));
  }
}
function renderChart() {
  const bins = new Array(20).fill(0);
  let zero = 0, dropped = 0, none = 0;
  const DROP = S.indexOf("dropped");
  for (const f of F) {
    if (f[1] === DROP) dropped++;
    else if (f[4] < 0) none++;
    else if (f[4] === 0) zero++;
    else bins[Math.min(19, Math.ceil(f[4] / 50) - 1)]++;
  }
  const W = Math.max(420, $("chart").clientWidth || 600), H = 180, L = 40, B = 30, bw = (W - L - 30) / 21;
  const top = Math.max(1, ...bins, dropped), mag = 10 ** Math.floor(Math.log10(top / 4 || 1));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((x) => x * 4 >= top) || 10 * mag);
  const max = step * Math.ceil(top / step);
  const g = svg("svg", {viewBox: `0 0 ${W} ${H}`, width: "100%", role: "img", id: "share-chart"});
  for (let v = 0; v <= max; v += step) {
    const y = H - B - (H - B - 14) * v / max;
    g.append(svg("line", {x1: L, x2: L + 21 * bw, y1: y, y2: y, stroke: "#e5e7eb"}));
    g.append(svg("text", {x: L - 6, y: y + 4, "text-anchor": "end"}, fmt(v)));
  }
  const bar = (i, n, label, change, cls) => {
    const h = (H - B - 14) * n / max, x = L + i * bw + 2;
    const r = svg("rect", {x, y: H - B - h, width: bw - 4, height: Math.max(h, n ? 1 : 0), class: "b " + cls});
    r.append(svg("title", {}, `${label}: ${fmt(n)} files`));
    r.addEventListener("click", () => { go(change); $("files-panel").scrollIntoView(); });
    g.append(r);
    if (n) g.append(svg("text", {x: x + (bw - 4) / 2, y: H - B - h - 3, "text-anchor": "middle"}, fmt(n)));
  };
  bins.forEach((n, i) => bar(i, n, `${i * 5}–${i * 5 + 5}%`, {share: `${i * 50}-${i * 50 + 50}`, status: ""}, ""));
  bar(20, dropped, "dropped", {status: "dropped", share: ""}, "dr");
  for (let i = 0; i <= 20; i += W < 700 ? 4 : 2) {
    g.append(svg("text", {x: L + i * bw, y: H - B + 14, "text-anchor": "middle"}, i === 20 ? "" : i * 5 + "%"));
  }
  g.append(svg("text", {x: L + 20.5 * bw, y: H - B + 14, "text-anchor": "middle"}, "dropped"));
  g.append(svg("text", {x: L + 10 * bw, y: H - 2, "text-anchor": "middle"}, "removed share of the file (5% bins)"));
  $("chart").append(g);
  $("chart-note").textContent = `Not drawn: ${fmt(zero)} files with nothing removed, ${fmt(none)} skipped or ` +
    "failed. Share = bytes of removed lines ÷ (those + output bytes). Click a bar to list its files.";
}
function renderRules() {
  const t = $("rules");
  const heads = [["rule"], ["kind"], ["files", "files the rule changed"], ["removed", "lines removed"],
    ["changed", "lines changed"], ["chars", "characters removed"], ["drops", "documents dropped"],
    ["flags", "documents flagged"]];
  t.append(el("tr", {}, ...heads.map(([h, title], i) => el("th", {class: i > 1 ? "n" : "", title: title || h}, h))));
  D.rule_order.map((i) => R[i]).forEach((r) => t.append(el("tr", {}, el("td", {class: "id"}, link(r[0], {rule: r[0]})),
    el("td", {class: "id"}, r[1]), ...r.slice(2).map((n) => el("td", {class: "n"}, fmt(n))))));
  if (!R.length) t.append(el("tr", {}, el("td", {colspan: "8"}, "No rule changed anything.")));
}
function renderTop(id, rows, key, head) {
  const t = $(id), max = Math.max(1, ...rows.map((r) => r[1]));
  t.append(el("tr", {}, ...head.map((h, i) => el("th", {class: i ? "n" : ""}, h)), el("th", {})));
  const trs = rows.map((r, i) => el("tr", i < SHORT ? {} : {hidden: ""},
    el("td", {}, link(r[0], {[key]: String(i)})), ...r.slice(1).map((n) => el("td", {class: "n"}, fmt(n))),
    el("td", {style: "width:35%"}, el("div", {class: "bar", style: `width:${100 * r[1] / max}%`}))));
  t.append(...trs);
  if (!rows.length) t.append(el("tr", {}, el("td", {}, "none")));
  if (rows.length <= SHORT) return;
  const more = el("a", {href: "#", onclick: (e) => { e.preventDefault(); trs.forEach((tr) => tr.hidden = false);
    more.parentNode.parentNode.remove(); }}, `show all ${rows.length}`);
  t.append(el("tr", {}, el("td", {class: "note"}, more)));
}

// --- the file list ------------------------------------------------------------
function filtered(st) {
  const status = st.status ? S.indexOf(st.status) : -2;
  const rule = st.rule ? R.findIndex((r) => r[0] === st.rule) : -2;
  const kw = st.kw ? Number(st.kw) : -2, field = st.field ? Number(st.field) : -2;
  const q = (st.q || "").toLowerCase();
  let lo = -2, hi = 0;
  if (st.share) [lo, hi] = st.share.split("-").map(Number);
  const out = [];
  for (let i = 0; i < F.length; i++) {
    const f = F[i];
    if (status !== -2 && f[1] !== status) continue;
    if (rule !== -2 && !f[5].includes(rule)) continue;
    if (kw !== -2 && !f[9].includes(kw)) continue;
    if (field !== -2 && !f[10].includes(field)) continue;
    if (lo !== -2 && !(f[4] > lo && f[4] <= hi && f[1] !== S.indexOf("dropped"))) continue;
    if (q && !f[0].toLowerCase().includes(q)) continue;
    out.push(i);
  }
  if (st.sort === "share") out.sort((a, b) => F[b][4] - F[a][4] || a - b);
  if (st.sort === "removed") out.sort((a, b) => F[b][11] - F[a][11] || a - b);
  return out;
}
function renderControls(st) {
  if (!$("status").options.length) {
    $("status").append(el("option", {value: ""}, "all statuses"),
      ...Object.keys(D.status).map((s) => el("option", {value: s}, `${s} (${fmt(D.status[s])})`)));
    $("rule").append(el("option", {value: ""}, "any rule"),
      ...D.rule_order.map((i) => el("option", {value: R[i][0]}, `${R[i][0]} (${fmt(R[i][2])})`)));
    $("status").onchange = () => go({status: $("status").value});
    $("rule").onchange = () => go({rule: $("rule").value});
    $("sort").onchange = () => go({sort: $("sort").value});
    let timer = 0;
    $("q").oninput = () => { clearTimeout(timer); timer = setTimeout(() => go({q: $("q").value}), 200); };
  }
  $("status").value = st.status || ""; $("rule").value = st.rule || ""; $("sort").value = st.sort || "";
  if (document.activeElement !== $("q")) $("q").value = st.q || "";
  const chips = [];
  if (st.kw && D.keywords[st.kw]) chips.push(["keyword: " + D.keywords[st.kw][0], {kw: ""}]);
  if (st.field && D.fields[st.field]) chips.push(["contact field: " + D.fields[st.field][0], {field: ""}]);
  if (st.share) chips.push(["removed share " + st.share.split("-").map((x) => pct(Number(x))).join("–"), {share: ""}]);
  const any = ["q", "status", "rule", "kw", "field", "share"].some((k) => st[k]);
  $("chips").replaceChildren(...chips.map(([text, change]) => el("span", {class: "chip"}, text, link("×", change))),
    ...(any ? [link("clear filters", {q: "", status: "", rule: "", kw: "", field: "", share: ""})] : []));
}
function pager(id, page, pages) {
  const b = (text, p) => el("button", {onclick: () => go({p: String(p + 1)}), ...(p < 0 || p >= pages ||
    p === page ? {disabled: ""} : {})}, text);
  $(id).replaceChildren(b("‹ prev", page - 1), el("span", {}, `page ${page + 1} of ${pages}`), b("next ›", page + 1));
}
function renderFiles() {
  const st = readState();
  renderControls(st);
  const rows = filtered(st), pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const page = Math.min(pages - 1, Math.max(0, (parseInt(st.p, 10) || 1) - 1));
  $("count").textContent = `${fmt(rows.length)} of ${fmt(F.length)} files match`;
  pager("pager-top", page, pages); pager("pager-bottom", page, pages);
  if (st.open) open.add(st.open);
  const t = $("files");
  t.replaceChildren(el("tr", {}, ...["file", "status", "removed share", "rules", "lines removed",
    "lines changed"].map((h, i) => el("th", {class: i > 3 ? "n" : ""}, h))));
  for (const i of rows.slice(page * PAGE, page * PAGE + PAGE)) {
    const f = F[i], status = S[f[1]];
    const tr = el("tr", {class: "file", "data-path": f[0], "data-status": status},
      el("td", {class: "path"}, f[0]), el("td", {}, el("span", {class: "st st-" + status}, status)),
      el("td", {class: "share"}, f[4] < 0 ? "–" : pct(f[4]),
        el("div", {class: "track"}, el("div", {class: "bar rm", style: `width:${Math.max(0, f[4]) / 10}%`}))),
      el("td", {}, ...f[5].map((r) => el("span", {class: "chip"}, R[r][0]))),
      el("td", {class: "n"}, fmt(f[11])), el("td", {class: "n"}, fmt(f[12])));
    t.append(tr);
    const toggle = () => {
      const next = tr.nextSibling;
      if (next && next.classList && next.classList.contains("detail")) { next.remove(); tr.classList.remove("open");
        open.delete(f[0]); return; }
      tr.after(el("tr", {class: "detail"}, el("td", {colspan: "6"}, details(f))));
      tr.classList.add("open"); open.add(f[0]);
    };
    tr.addEventListener("click", toggle);
    if (open.has(f[0])) toggle();
  }
  if (!rows.length) t.append(el("tr", {}, el("td", {colspan: "6"}, "No file matches these filters.")));
}
const blank = (text) => el("span", {class: "blank"}, text);
function details(f) {
  const box = el("div", {});
  if (f[6] >= 0) box.append(el("p", {}, el("b", {}, S[f[1]] + ": "), S[f[6]]));
  const items = f[7].map((x, k) => ({line: x[0], k, x}));
  for (const [n, text] of f[13] || []) items.push({line: n, k: -1, text});
  items.sort((a, b) => a.line - b.line || a.k - b.k);
  const t = el("table", {class: "findings"});
  for (const it of items) {
    if (it.k < 0) { t.append(el("tr", {class: "ctx"}, el("td", {class: "ln"}, it.line), el("td", {}, "kept"),
      el("td", {class: "txt"}, it.text || blank("(blank line)")), el("td", {}))); continue; }
    const [line, rule, action, reason, text, neu] = it.x, act = ACT[action];
    const body = act === "replace" ? [el("del", {}, text || ""), " → ", el("ins", {}, neu || "")]
      : act === "remove" ? [text || blank("(blank line)")] : [];
    t.append(el("tr", {class: act}, el("td", {class: "ln"}, act === "drop" || act === "flag" ? "" : line),
      el("td", {}, el("span", {class: "chip"}, R[rule][0]), " ", act),
      el("td", {class: "txt"}, ...body), el("td", {class: "why"}, S[reason])));
  }
  if (items.length) box.append(t); else if (f[6] < 0) box.append(el("p", {class: "note"}, "No findings."));
  if (f[8]) box.append(el("p", {class: "note"}, `… ${fmt(f[8])} more findings not embedded (--max-findings).`));
  return box;
}

renderMeta(); renderTotals(); renderChart(); renderRules();
renderTop("keywords", D.keywords, "kw", ["keyword", "lines", "files"]);
renderTop("fields", D.fields, "field", ["field", "lines"]);
renderFiles();
// for tests and benchmarks: script time, and time since navigation start, to the first view
document.body.dataset.renderMs = String(Math.round(performance.now() - t0));
document.body.dataset.readyMs = String(Math.round(performance.now()));
"""
