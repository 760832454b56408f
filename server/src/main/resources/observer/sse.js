// A parser of the text/event-stream format (the WHATWG HTML standard, "server-sent events") for
// a stream read with fetch(): EventSource cannot send the Authorization header the observer's
// API asks for. Pure: no DOM, no network; tested with node --test (server/src/test/js/observer).

/**
 * @param {(event: {event: string, data: string, id: string|undefined}) => void} onEvent
 *     called once per complete event, in order; comments and events without data are skipped
 * @param {number} maxEventChars an event longer than this is dropped (a runaway stream cannot
 *     grow the buffer without bound)
 * @returns {{push(chunk: string): void}} feed it decoded text in chunks of any size
 */
export function eventStreamParser(onEvent, maxEventChars = 8 * 1024 * 1024) {
  let buffer = "";
  let event = "";
  let data = [];
  let id;
  let size = 0;
  let skipping = false;

  function line(text) {
    if (text === "") {
      if (!skipping && data.length > 0) onEvent({ event: event || "message", data: data.join("\n"), id });
      event = "";
      data = [];
      size = 0;
      skipping = false;
      return;
    }
    if (skipping || text.startsWith(":")) return;
    size += text.length;
    if (size > maxEventChars) {
      skipping = true;
      data = [];
      return;
    }
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") id = value;
  }

  let skipLF = false; // the previous chunk ended in CR: an LF first in this one is its CRLF's
  const END = /\r\n|\r|\n/g;

  return {
    push(chunk) {
      if (skipLF && chunk.startsWith("\n")) chunk = chunk.slice(1);
      skipLF = false;
      buffer += chunk;
      let start = 0;
      END.lastIndex = 0;
      for (let m = END.exec(buffer); m !== null; m = END.exec(buffer)) {
        line(buffer.slice(start, m.index));
        start = m.index + m[0].length;
        if (m[0] === "\r" && start === buffer.length) skipLF = true;
      }
      buffer = buffer.slice(start);
      if (buffer.length > maxEventChars) { // one line longer than any event may be
        buffer = "";
        skipping = true;
      }
    },
  };
}
