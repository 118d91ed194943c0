// A minimal room server on the plain `ws` package: join a room, broadcast to the room,
// serialize each event once. Protocol of roomcast's benchmark "plain" peers (bench/README.md).
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2] || 9101);
const rooms = new Map(); // room -> Set<WebSocket>
const seqs = new Map(); // room -> last roomSeq

const wss = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });

function leave(ws, room) {
  const members = rooms.get(room);
  if (!members) return;
  members.delete(ws);
  if (members.size === 0) rooms.delete(room);
  ws.rooms.delete(room);
}

wss.on('connection', (ws) => {
  ws.rooms = new Set();
  ws.on('message', (raw) => {
    let msg;
    try {
      msg = JSON.parse(raw);
    } catch (e) {
      ws.send('{"type":"err:op","message":"INVALID_JSON"}');
      return;
    }
    const room = msg.room;
    if (msg.type === 'join') {
      let members = rooms.get(room);
      if (!members) rooms.set(room, (members = new Set()));
      members.add(ws);
      ws.rooms.add(room);
      ws.send(JSON.stringify({ type: 'ack:join', room }));
    } else if (msg.type === 'leave') {
      leave(ws, room);
      ws.send(JSON.stringify({ type: 'ack:leave', room }));
    } else if (msg.type === 'publish') {
      const members = rooms.get(room);
      if (!members || !ws.rooms.has(room)) return;
      const seq = (seqs.get(room) || 0) + 1;
      seqs.set(room, seq);
      const frame = Buffer.from(
        JSON.stringify({ type: 'event', room, roomSeq: seq, timestamp: Date.now(), data: msg.data })
      );
      for (const member of members) member.send(frame, { binary: false });
    }
  });
  ws.on('close', () => {
    for (const room of [...ws.rooms]) leave(ws, room);
  });
  ws.on('error', () => {});
});
wss.on('listening', () => console.log(`ws peer listening on 127.0.0.1:${port}`));
