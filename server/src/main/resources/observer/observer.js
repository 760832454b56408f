// The Islands observer: polls the JSON API (docs/operations.md, "Observer") every 500 ms with the
// admin token kept in sessionStorage, and renders games, the supervision tree, processes and
// tables. Actions (kill a process, stop a game, release a quarantined game) ask for confirmation.
// DOM hooks used by the tests: #token, #login, #status[data-state], #games tr[data-game][data-pid],
// button[data-action], #kill-reason.
"use strict";

const KEY = "islands.observer.token";
const POLL_MS = 500;
const $ = (sel) => document.querySelector(sel);
let sortKey = "pid";
let timer = null;
const last = {}; // the JSON text last rendered, per view: re-render only what changed

function esc(v) {
  return v === null || v === undefined ? "" : String(v)
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function setStatus(state, text) {
  $("#status").dataset.state = state;
  $("#status").textContent = text;
}

function lock(message) {
  sessionStorage.removeItem(KEY);
  clearTimeout(timer);
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
  Object.keys(last).forEach((k) => delete last[k]);
  poll();
}

class Unauthorized extends Error {}

async function api(path, options = {}) {
  const headers = { Authorization: "Bearer " + sessionStorage.getItem(KEY) };
  if (options.body) headers["Content-Type"] = "application/json";
  const res = await fetch(path, { ...options, headers, cache: "no-store" });
  if (res.status === 401) throw new Unauthorized();
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.status + "");
  return body;
}

async function poll() {
  clearTimeout(timer);
  try {
    const [games, tree, procs, tables] = await Promise.all([
      api("/api/games"), api("/api/supervisors"),
      api("/api/processes?sort=" + sortKey), api("/api/tables")]);
    render("games", games, renderGames);
    render("tree", tree, renderTree);
    render("processes", procs, renderProcesses);
    render("tables", tables, renderTables);
    setStatus("live", "live " + new Date().toLocaleTimeString());
  } catch (e) {
    if (e instanceof Unauthorized) {
      lock("The token was not accepted.");
      return;
    }
    setStatus("error", "error: " + e.message);
  }
  timer = setTimeout(poll, POLL_MS);
}

function render(view, data, fn) {
  const text = JSON.stringify(data);
  if (last[view] !== text) {
    last[view] = text;
    fn(data);
  }
}

function renderGames(d) {
  $("#games-count").textContent = d.running + " running" + (d.running > d.games.length ? ", first " + d.games.length + " shown" : "");
  $("#games tbody").innerHTML = d.games.map((g) => `
    <tr data-game="${esc(g.name)}" data-pid="${esc(g.pid)}" data-rules="${esc(g.rules)}" data-player2="${esc(g.player2)}">
      <td>${esc(g.name)}</td><td>${esc(g.pid)}</td><td>${esc(g.player2)}</td><td>${esc(g.rules)}</td>
      <td>${esc(g.lastMove)}</td><td class="num">${g.revision}</td>
      <td>${g.pid ? `<button data-action="kill" data-pid="${esc(g.pid)}" data-what="game ${esc(g.name)}">kill process</button>` : ""}
          <button data-action="stop" data-game="${esc(g.name)}">stop game</button></td>
    </tr>`).join("") || `<tr><td colspan="7">no running games</td></tr>`;
  $("#quarantined tbody").innerHTML = d.quarantined.map((q) => `
    <tr data-game="${esc(q.name)}"><td>${esc(q.name)}</td><td>${esc(q.reason)}</td><td>${esc(q.at)}</td>
      <td><button data-action="release" data-game="${esc(q.name)}">release</button></td></tr>`).join("")
      || `<tr><td colspan="4">none</td></tr>`;
}

function renderTree(d) {
  $("#tree").className = "tree";
  $("#tree").innerHTML = "<ul>" + d.roots.map(supervisorItem).join("") + "</ul>";
}

function supervisorItem(s) {
  if (!s.available) {
    return `<li><span class="sup">${esc(s.pid)}</span> <span class="meta">(busy: did not answer in time)</span></li>`;
  }
  const limit = s.intensity === null ? "no restart limit" : `${s.intensity} restarts / ${s.periodMillis / 1000} s`;
  const recent = s.recentRestarts.length === 0 ? "" : `<div class="restarts">recent restarts: ${s.recentRestarts
      .map((r) => `${esc(new Date(r.at).toLocaleTimeString())} ${esc(r.child)} (${esc(r.reason)})`).join("; ")}</div>`;
  const more = s.childCount > s.children.length ? `<li class="meta">… ${s.childCount - s.children.length} more</li>` : "";
  return `<li data-supervisor="${esc(s.pid)}"><span class="sup">${esc(s.name)}</span>
      <span class="meta">${esc(s.pid)} · ${s.dynamic ? "dynamic, " : ""}${esc(s.strategy)} · ${limit} ·
      ${s.restarts} restarts · ${s.childCount} children</span>${recent}
      <ul>${s.children.map(childItem).join("")}${more}</ul></li>`;
}

function childItem(c) {
  if (c.supervisor) return supervisorItem(c.supervisor);
  const state = c.restarting ? `<span class="restarting">restarting</span>` : esc(c.pid || "not running");
  return `<li>${esc(c.id)} <span class="meta">${state} · ${esc(c.type)} · ${esc(c.restart)}</span></li>`;
}

function renderProcesses(d) {
  $("#processes-count").textContent = d.total + " live" + (d.total > d.processes.length ? ", first " + d.processes.length + " by " + sortKey : "");
  document.querySelectorAll("#processes th[data-sort]").forEach((th) => {
    th.toggleAttribute("data-sorted", th.dataset.sort === sortKey);
  });
  $("#processes tbody").innerHTML = d.processes.map((p) => `
    <tr data-pid="${esc(p.pid)}"><td>${esc(p.pid)}</td><td>${esc(p.name)}</td><td class="status-${esc(p.status)}">${esc(p.status === "long_schedule" ? "long schedule" : p.status)}</td>
      <td class="num">${p.mailbox}</td><td class="current">${esc(p.current)}</td>
      <td><button data-action="kill" data-pid="${esc(p.pid)}" data-what="process ${esc(p.name || p.pid)}">kill</button></td></tr>`).join("");
}

function renderTables(d) {
  $("#tables tbody").innerHTML = d.tables.map((t) => `
    <tr><td>${esc(t.name || "(unnamed)")}</td><td>${esc(t.type)}</td><td>${esc(t.access)}</td><td>${esc(t.owner)}</td>
      <td>${esc(t.heir)}</td><td class="num">${t.size}</td><td class="num">${t.memory}</td></tr>`).join("")
      || `<tr><td colspan="7">no tables</td></tr>`;
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
  poll();
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
  if (th) { sortKey = th.dataset.sort; poll(); }
});

if (sessionStorage.getItem(KEY)) unlock(); else lock("");
