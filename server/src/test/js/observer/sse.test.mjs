// node --test server/src/test/js/observer/ : the observer's event-stream parser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { eventStreamParser } from "../../../main/resources/observer/sse.js";

function parse(chunks, max) {
  const events = [];
  const p = eventStreamParser((e) => events.push(e), max);
  chunks.forEach((c) => p.push(c));
  return events;
}

test("events with a name, data lines joined, comments skipped", () => {
  const events = parse([": keep-alive\n\nevent: games\ndata: {\"a\":1}\n\ndata: one\ndata: two\n\n"]);
  assert.deepEqual(events, [
    { event: "games", data: "{\"a\":1}", id: undefined },
    { event: "message", data: "one\ntwo", id: undefined },
  ]);
});

test("an event split anywhere across chunks, with CRLF or CR line ends, comes out whole", () => {
  const text = "event: load\r\ndata: {\"samples\":[]}\r\n\r\nevent: tables\rdata: x\r\r";
  for (let cut = 1; cut < text.length; cut++) {
    const events = parse([text.slice(0, cut), text.slice(cut)]);
    assert.deepEqual(events.map((e) => e.event + "=" + e.data), ["load={\"samples\":[]}", "tables=x"], "cut at " + cut);
  }
});

test("an unfinished event is not delivered; a field without a space after the colon is read", () => {
  assert.deepEqual(parse(["event:games\ndata:1\n"]), []);
  assert.deepEqual(parse(["event:games\ndata:1\n\n"]).map((e) => e.event + "=" + e.data), ["games=1"]);
});

test("an event over the limit is dropped, and the next one still arrives", () => {
  const events = parse(["data: " + "x".repeat(100) + "\n\n", "data: small\n\n"], 50);
  assert.deepEqual(events.map((e) => e.data), ["small"]);
  const split = parse(["data: " + "y".repeat(40), "y".repeat(40), "\n\ndata: after\n\n"], 50);
  assert.deepEqual(split.map((e) => e.data), ["after"]);
});
