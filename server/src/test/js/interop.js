// Drives the Java Phoenix Channels server with the real phoenix JS client (npm phoenix 1.8.16).
// Usage: node interop.js ws://127.0.0.1:PORT/socket
// Prints one JSON line per step; exits 0 when every step passed, 1 otherwise.
'use strict';
const { Socket } = require('phoenix');
const WebSocket = require('ws');

const url = process.argv[2];
const step = (name, data) => console.log(JSON.stringify({ step: name, data }));
const fail = (why) => {
  console.log(JSON.stringify({ step: 'FAIL', data: why }));
  process.exit(1);
};
setTimeout(() => fail('timed out after 15 s'), 15000);

const logger = (kind, msg, data) => console.log(JSON.stringify({ log: kind, msg, data }));
// The default heartbeat interval (30 s) is kept: a cold server on a busy machine may take more
// than a short interval to answer its first join. One heartbeat is sent by hand below.
const socket = new Socket(url, { transport: WebSocket, logger });
socket.onError((e) => step('socket_error', String((e && e.message) || e)));

let heartbeatSeen;
const heartbeatReply = new Promise((resolve) => { heartbeatSeen = resolve; });
socket.onMessage((msg) => {
  if (msg.topic === 'phoenix' && msg.event === 'phx_reply' && msg.payload.status === 'ok') heartbeatSeen();
});
socket.connect();

const channel = socket.channel('echo:js', { screen_name: 'moon' });
const push = (event, payload) => new Promise((resolve) => {
  channel.push(event, payload)
    .receive('ok', resolve)
    .receive('error', (e) => fail(`${event} replied error ${JSON.stringify(e)}`))
    .receive('timeout', () => fail(`${event} timed out`));
});

channel.on('shout', (payload) => {
  step('broadcast', payload);
  channel.leave().receive('ok', () => {
    step('left', {});
    socket.disconnect(() => {
      step('done', {});
      process.exit(0);
    });
  });
});

channel.join()
  .receive('ok', async (resp) => {
    step('joined', resp);
    step('echo', await push('echo', { row: 1, col: 2 }));
    step('echo_string', await push('echo', 'diva'));
    socket.sendHeartbeat();
    await heartbeatReply;
    step('heartbeat', {});
    channel.push('shout', { message: 'hello from js' });
  })
  .receive('error', (e) => fail(`join replied error ${JSON.stringify(e)}`))
  .receive('timeout', () => fail('join timed out'));
