// A minimal Socket.IO room server: join a room, broadcast to the room (Socket.IO encodes a
// broadcast once). WebSocket transport only, as the benchmark client speaks it.
'use strict';
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.argv[2] || 9102);
const seqs = new Map();
const httpServer = http.createServer();
const io = new Server(httpServer, { transports: ['websocket'], perMessageDeflate: false });

io.on('connection', (socket) => {
  socket.on('join', (room) => {
    socket.join(room);
    socket.emit('ack:join', { room });
  });
  socket.on('leave', (room) => {
    socket.leave(room);
    socket.emit('ack:leave', { room });
  });
  socket.on('publish', (msg) => {
    if (!msg || !socket.rooms.has(msg.room)) return;
    const seq = (seqs.get(msg.room) || 0) + 1;
    seqs.set(msg.room, seq);
    io.to(msg.room).emit('event', {
      type: 'event', room: msg.room, roomSeq: seq, timestamp: Date.now(), data: msg.data,
    });
  });
});
httpServer.listen(port, '127.0.0.1', () => console.log(`socket.io peer listening on 127.0.0.1:${port}`));
