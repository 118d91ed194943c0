// A seed-style client flow with the unmodified npm socket.io-client, run by SocketIoIT (B9).
// Arguments: the server's base URL (http://127.0.0.1:PORT/context/), a room id, a valid token,
// the REST credential for the room change, and "websocket" (transports: ["websocket"]) or
// "default" (the client's default: long-polling first, then the upgrade to WebSocket).
// Exits 0 when every step passed, else 1 with the reason.
import { io } from "socket.io-client";

const [base, roomId, token, credential, mode = "websocket"] = process.argv.slice(2);
const url = new URL(base);
const path = url.pathname + "socket.io";
const origin = url.origin;

function fail(reason) {
  console.error("FAILED: " + reason);
  process.exit(1);
}
setTimeout(() => fail("timed out"), 20000).unref();

function connect(auth) {
  const options = { path, auth, reconnection: false, forceNew: true };
  if (mode === "websocket") options.transports = ["websocket"];
  return io(origin, options);
}

// a refused token: connect_error with roomcast's code
await new Promise((resolve) => {
  const refused = connect({ token: "not.a.jwt" });
  refused.on("connect", () => fail("a bad token was accepted"));
  refused.on("connect_error", (err) => {
    if (err.data?.code !== "UNAUTHORIZED") fail("connect_error without UNAUTHORIZED: " + JSON.stringify(err.data));
    refused.close();
    resolve();
  });
});

const socket = connect({ token });
let firstTransport;
socket.io.once("open", () => (firstTransport = socket.io.engine.transport.name));
const status = await new Promise((resolve) => socket.once("connection_status", resolve));
if (!status.authenticated) fail("not authenticated: " + JSON.stringify(status));
if (status.sid !== socket.id) fail("socket.id " + socket.id + " is not the sid " + status.sid);

const ack = await socket.timeout(10000).emitWithAck("join:room", { roomId });
if (!ack.success) fail("join refused: " + JSON.stringify(ack));

const update = new Promise((resolve) =>
  socket.on("room:update", (data, meta) => {
    if (data.roomId === roomId && data.description === "From Node") resolve(meta);
  }),
);
const patched = await fetch(base + "api/rooms/" + roomId, {
  method: "PATCH",
  headers: { "Content-Type": "application/json", Authorization: "Bearer " + credential },
  body: JSON.stringify({ description: "From Node" }),
});
if (patched.status !== 200) fail("PATCH answered " + patched.status);
const meta = await update;
if (meta.room !== "room:" + roomId || typeof meta.roomSeq !== "number") fail("meta " + JSON.stringify(meta));

const pong = await new Promise((resolve) => {
  socket.once("client_pong", resolve);
  socket.emit("client_ping");
});
if (typeof pong.serverTime !== "number") fail("client_pong " + JSON.stringify(pong));

// with the default transports the client starts with polling and upgrades to WebSocket by itself
if (firstTransport !== (mode === "websocket" ? "websocket" : "polling")) fail("opened on " + firstTransport);
const deadline = Date.now() + 10000;
while (socket.io.engine.transport.name !== "websocket") {
  if (Date.now() > deadline) fail("still on " + socket.io.engine.transport.name);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const afterUpgrade = await socket.timeout(10000).emitWithAck("client_ping", {});
if (!afterUpgrade.success) fail("client_ping after the upgrade: " + JSON.stringify(afterUpgrade));

socket.close();
console.log("OK " + JSON.stringify({ sid: status.sid, roomSeq: meta.roomSeq, transport: socket.io.engine?.transport?.name ?? "closed" }));
process.exit(0);
