// Seed 004's client flow as its document shows it, with the unmodified npm socket.io-client, run by
// SocketIoIT (B9). Arguments: the server's base URL (http://127.0.0.1:PORT/context/) and a room id.
// Exits 0 when every step passed, else 1 with the reason.
import { io } from "socket.io-client";

const [base, roomId] = process.argv.slice(2);
const url = new URL(base);
const path = url.pathname + "socket.io";

function fail(reason) {
  console.error("FAILED: " + reason);
  process.exit(1);
}
setTimeout(() => fail("timed out"), 20000).unref();

async function createUser(userName) {
  const created = await fetch(base + "api/public/users", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ userName }),
  });
  if (created.status !== 201) fail("creating " + userName + ": " + created.status);
  return (await created.json()).userId;
}

// the seed's own options, and the public room as a namespace
function open() {
  const socket = io(`${url.origin}/public-room/${roomId}`, {
    path,
    transports: ["websocket", "polling"],
    reconnection: false,
    forceNew: true,
  });
  socket.on("ping", () => socket.emit("pong"));
  socket.on("error", (error) => fail("error event " + JSON.stringify(error)));
  return socket;
}

const ann = await createUser("Ann");
const bob = await createUser("Bob");
const first = open();
await new Promise((resolve) => first.on("connect", resolve));
const annJoined = new Promise((resolve) =>
  first.on("user-joined", (data) => data.userId === ann && resolve(data)),
);
first.emit("join-room", { userId: ann, userName: "Ann" });
if ((await annJoined).userName !== "Ann") fail("user-joined without the user's name");

const second = open();
await new Promise((resolve) => second.on("connect", resolve));
const bobJoined = new Promise((resolve) =>
  first.on("user-joined", (data) => data.userId === bob && resolve(data)),
);
second.emit("join-room", { userId: bob, userName: "Bob" });
if ((await bobJoined).currentOccupancy !== 2) fail("occupancy after Bob joined");

const bobLeft = new Promise((resolve) =>
  first.on("user-left", (data) => data.userId === bob && resolve(data)),
);
const secondEnded = new Promise((resolve) => second.on("disconnect", resolve));
second.emit("leave-room", { userId: bob });
if ((await bobLeft).currentOccupancy !== 1) fail("occupancy after Bob left");
const reason = await secondEnded;
if (reason !== "io server disconnect") fail("leave-room ended with " + reason);

first.close();
console.log("OK seed 004");
process.exit(0);
