// The Islands observer page (docs/operations.md, "Observer"). The server pushes what changed as
// server-sent events on GET /api/events, read with fetch() because the stream needs the admin
// token (kept in sessionStorage) in its Authorization header; tables are updated row by row in
// place (rows.js), the load charts drawn as SVG (chart.js). Actions (kill a process, stop a
// game, release a quarantined game) ask for confirmation and POST to the API.
// DOM hooks used by the tests: #token, #login, #status[data-state], #games tr[data-game][data-pid],
// button[data-action], #kill-reason, #chart-* svg[data-samples].
import { eventStreamParser } from "./sse.js";
import { updateRows } from "./rows.js";
import { drawChart } from "./chart.js";

const KEY = "islands.observer.token";
const RECONNECT_MS = 1000;
const WINDOW_MS = 5 * 60 * 1000;
const MAX_SAMPLES = 300;
const $ = (sel) => document.querySelector(sel);
let sortKey = "pid";
let stream = null; // the AbortController of the open stream
let samples = [];
let lastTree = "";

function setStatus(state, text) {
  $("#status").dataset.state = state;
  $("#status").textContent = text;
}

function lock(message) {
  sessionStorage.removeItem(KEY);
  closeStream();
  $("#views").hidden = true;
  $("#logout").hidden = true;
  $("#login").hidden = false;
  $("#login-error").textContent = message || "";
  setStatus("locked", "locked");
}

function unlock() {
  $("#login").hidden = true;
  $("#views").hidden = false;
  $("#logout").hidden = false;
  openStream();
  pollNodes();
}

// The cluster's nodes (GET /api/nodes, docs/cluster.md), read every NODES_MS while unlocked; the
// panel stays hidden on a single node.
const NODES_MS = 2000;
let nodesTimer = null;

async function pollNodes() {
  clearTimeout(nodesTimer);
  if ($("#views").hidden) return;
  try {
    renderNodes(await api("/api/nodes"));
  } catch (e) {
    if (e instanceof Unauthorized) return;
  }
  nodesTimer = setTimeout(pollNodes, NODES_MS);
}

function renderNodes(d) {
  $("#nodes-section").hidden = d.nodes.length === 0;
  $("#nodes-self").textContent = d.self ? "this node: " + d.self + ", epoch " + d.epoch : "";
  updateRows($("#nodes tbody"), d.nodes, {
    key: (n) => n.node,
    attrs: (n) => ({ "data-node": n.node, "data-live": n.live }),
    cells: (n) => [{ text: n.node }, { text: n.epoch, className: "num" }, { text: n.address },
      { text: n.live ? "live" : "not live" }, { text: n.in_view ? "yes" : "no" },
      { text: n.games_owned, className: "num" }, { text: n.lease_age_ms, className: "num" }],
    empty: "no nodes", columns: 7 });
}

function authorization() {
  return "Bearer " + sessionStorage.getItem(KEY);
}

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = { Authorization: authorization() };
  if (options.body) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { ...options, headers, cache: "no-store" });
  if (res.status === 401) throw new Unauthorized();
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.status + "");
  return body;
}

function closeStream() {
  if (stream) stream.abort();
  stream = null;
}

// One stream at a time; when it ends for any reason but a lock, a new one after RECONNECT_MS.
async function openStream() {
  closeStream();
  const controller = new AbortController();
  stream = controller;
  try {
    const res = await fetch("/api/events?sort=" + sortKey, {
      headers: { Authorization: authorization(), Accept: "text/event-stream" },
      cache: "no-store", signal: controller.signal });
    if (res.status === 401) {
      lock("The token was not accepted.");
      return;
    }
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error(body.error || "HTTP " + res.status);
    }
    setStatus("connecting", "connected");
    const parser = eventStreamParser(onEvent);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    if (stream === controller) setStatus("error", "the server closed the stream; reconnecting");
  } catch (e) {
    if (controller.signal.aborted) return;
    setStatus("error", "error: " + e.message + "; reconnecting");
  }
  if (stream === controller) setTimeout(() => { if (stream === controller) openStream(); }, RECONNECT_MS);
}

function onEvent(e) {
  let data;
  try {
    data = JSON.parse(e.data);
  } catch {
    return;
  }
  const view = VIEWS[e.event];
  if (!view) return;
  if (data.error !== undefined && e.event !== "load") {
    setStatus("error", e.event + ": " + data.error);
    return;
  }
  view(data);
  setStatus("live", "live " + new Date().toLocaleTimeString());
}

const VIEWS = {
  games: renderGames,
  supervisors: renderTree,
  processes: renderProcesses,
  tables: renderTables,
  load: renderLoad,
};

function renderGames(d) {
  $("#games-count").textContent = d.running + " running" + (d.running > d.games.length ? ", first " + d.games.length + " shown" : "");
  updateRows($("#games tbody"), d.games, {
    key: (g) => g.name,
    attrs: (g) => ({ "data-game": g.name, "data-pid": g.pid, "data-rules": g.rules, "data-player2": g.player2 }),
    // a game whose process is being restarted keeps its row, shown "restarting" with its kill
    // button disabled (not removed: the stop button must not move under the operator's pointer)
    cells: (g) => [{ text: g.name }, g.pid ? { text: g.pid } : { text: "restarting", className: "restarting" },
      { text: g.player2 }, { text: g.rules }, { text: g.lastMove },
      { text: g.revision, className: "num" }, { text: g.node || "" },
      { buttons: [
        { label: "kill process", disabled: !g.pid, attrs: { "data-action": "kill", "data-pid": g.pid, "data-what": "game " + g.name } },
        { label: "stop game", attrs: { "data-action": "stop", "data-game": g.name } }] }],
    empty: "no running games", columns: 8 });
  updateRows($("#quarantined tbody"), d.quarantined, {
    key: (q) => q.name,
    attrs: (q) => ({ "data-game": q.name }),
    cells: (q) => [{ text: q.name }, { text: q.reason }, { text: q.at },
      { buttons: [{ label: "release", attrs: { "data-action": "release", "data-game": q.name } }] }],
    empty: "none", columns: 4 });
}

// The tree has no buttons: it is rebuilt when what Inspect reports changed, whatever its shape
// (any number of roots, supervisors nested at any depth).
function renderTree(d) {
  const text = JSON.stringify(d);
  if (text === lastTree) return;
  lastTree = text;
  const ul = document.createElement("ul");
  d.roots.forEach((s) => ul.appendChild(supervisorItem(s)));
  $("#tree").className = "tree";
  $("#tree").replaceChildren(ul);
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function supervisorItem(s) {
  const li = el("li");
  li.dataset.supervisor = s.pid || "";
  if (!s.available) {
    li.append(el("span", "sup", s.pid), " ", el("span", "meta", "(busy: did not answer in time)"));
    return li;
  }
  const limit = s.intensity === null ? "no restart limit" : `${s.intensity} restarts / ${s.periodMillis / 1000} s`;
  li.append(el("span", "sup", s.name), " ",
    el("span", "meta", `${s.pid} · ${s.dynamic ? "dynamic, " : ""}${s.strategy} · ${limit} · ${s.restarts} restarts · ${s.childCount} children`));
  if (s.recentRestarts.length > 0) {
    li.append(el("div", "restarts", "recent restarts: " + s.recentRestarts
      .map((r) => `${new Date(r.at).toLocaleTimeString()} ${r.child} (${r.reason})`).join("; ")));
  }
  const ul = el("ul");
  s.children.forEach((c) => ul.appendChild(c.supervisor ? supervisorItem(c.supervisor) : childItem(c)));
  if (s.childCount > s.children.length) ul.appendChild(el("li", "meta", `… ${s.childCount - s.children.length} more`));
  li.appendChild(ul);
  return li;
}

function childItem(c) {
  const li = el("li", null, c.id + " ");
  const meta = el("span", "meta");
  if (c.restarting) meta.appendChild(el("span", "restarting", "restarting"));
  else meta.append(c.pid || "not running");
  meta.append(` · ${c.type} · ${c.restart}`);
  li.appendChild(meta);
  return li;
}

function renderProcesses(d) {
  $("#processes-count").textContent = d.total + " live" + (d.total > d.processes.length ? ", first " + d.processes.length + " by " + sortKey : "");
  document.querySelectorAll("#processes th[data-sort]").forEach((th) => {
    th.toggleAttribute("data-sorted", th.dataset.sort === sortKey);
  });
  updateRows($("#processes tbody"), d.processes, {
    key: (p) => p.pid,
    attrs: (p) => ({ "data-pid": p.pid }),
    cells: (p) => [{ text: p.pid }, { text: p.name },
      { text: p.status === "long_schedule" ? "long schedule" : p.status, className: "status-" + p.status },
      { text: p.mailbox, className: "num" }, { text: p.current, className: "current" },
      { buttons: [{ label: "kill", attrs: { "data-action": "kill", "data-pid": p.pid, "data-what": "process " + (p.name || p.pid) } }] }],
  });
}

function renderTables(d) {
  updateRows($("#tables tbody"), d.tables, {
    key: (t) => t.owner + " " + (t.name || "(unnamed)") + " " + t.type,
    cells: (t) => [{ text: t.name || "(unnamed)" }, { text: t.type }, { text: t.access }, { text: t.owner },
      { text: t.heir }, { text: t.size, className: "num" }, { text: t.memory, className: "num" }],
    empty: "no tables", columns: 7 });
}

const CHARTS = [
  { id: "chart-processes", field: "processes", format: (v) => String(Math.round(v)) },
  { id: "chart-memory", field: "memoryBytes", format: (v) => (v / 1048576).toFixed(v < 10485760 ? 1 : 0) + " MiB" },
  { id: "chart-moves", field: "movesPerSecond", format: (v) => v.toFixed(v < 10 ? 1 : 0) },
  { id: "chart-restarts", field: "restarts", format: (v) => String(Math.round(v)) },
  { id: "chart-crashes", field: "crashes", format: (v) => String(Math.round(v)) },
];

function renderLoad(d) {
  samples = d.reset ? d.samples.slice() : samples.concat(d.samples);
  if (samples.length > MAX_SAMPLES) samples = samples.slice(samples.length - MAX_SAMPLES);
  for (const c of CHARTS) drawChart(document.getElementById(c.id), samples, { ...c, windowMillis: WINDOW_MS });
}

async function act(button) {
  const a = button.dataset.action;
  let question, path, body;
  if (a === "kill") {
    const reason = $("#kill-reason").value.trim() || "kill";
    question = `Kill ${button.dataset.what} (${button.dataset.pid}) with reason "${reason}"?`;
    path = `/api/processes/${encodeURIComponent(button.dataset.pid)}/kill`;
    body = JSON.stringify({ reason });
  } else if (a === "stop") {
    question = `Stop game ${button.dataset.game}? Its saved state is deleted.`;
    path = `/api/games/${encodeURIComponent(button.dataset.game)}/stop`;
  } else if (a === "release") {
    question = `Release quarantined game ${button.dataset.game}? It can be played again.`;
    path = `/api/games/${encodeURIComponent(button.dataset.game)}/release`;
  } else {
    return;
  }
  if (!window.confirm(question)) return;
  try {
    const result = await api(path, { method: "POST", body });
    $("#log").className = "";
    $("#log").textContent = new Date().toLocaleTimeString() + " " + JSON.stringify(result);
  } catch (e) {
    if (e instanceof Unauthorized) return lock("The token was not accepted.");
    $("#log").className = "error";
    $("#log").textContent = new Date().toLocaleTimeString() + " failed: " + e.message;
  }
}

$("#login").addEventListener("submit", (e) => {
  e.preventDefault();
  const token = $("#token").value.trim();
  if (!token) return;
  sessionStorage.setItem(KEY, token);
  $("#token").value = "";
  unlock();
});
$("#logout").addEventListener("click", () => lock(""));
$("#views").addEventListener("click", (e) => {
  const button = e.target.closest("button[data-action]");
  if (button) act(button);
  const th = e.target.closest("th[data-sort]");
  if (th && th.dataset.sort !== sortKey) {
    sortKey = th.dataset.sort;
    openStream();
  }
});

if (sessionStorage.getItem(KEY)) unlock(); else lock("");
