/*
 * roomcast.js: a small, dependency-free browser client for roomcast (B5).
 *
 * One WebSocket per client; rooms are joined and left over it. Requests return promises
 * resolved by ack:op and rejected by err:op. When the connection drops, the client reconnects
 * with jittered exponential backoff, re-joins every room it was in with
 * data.since = {roomSeq, epoch} of the last event it saw, and drops duplicates by roomSeq.
 * See README.md ("Browser client") and docs/protocol.md.
 */
(function (global) {
  'use strict';

  // computed while the script runs: document.currentScript is gone afterwards
  var script = global.document && global.document.currentScript;
  var BASE = new URL('.', script && script.src ? script.src : global.location.href);

  var OVERVIEW = 'overview:public';

  /** An error answered by the server (err:op, failed ack:join) or raised by the client. */
  function RoomcastError(code, message, data) {
    var error = new Error(message || code);
    error.name = 'RoomcastError';
    error.code = code;
    error.data = data;
    return error;
  }

  function socketUrl(query) {
    var url = new URL('ws', BASE);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    Object.keys(query || {}).forEach(function (key) {
      if (query[key] !== undefined && query[key] !== null) {
        url.searchParams.set(key, query[key]);
      }
    });
    return url.toString();
  }

  /**
   * The client. Options (all optional):
   *   url            socket URL (default: "ws" next to this script)
 *   urls           several nodes' socket URLs: the client starts with the first and moves to
 *                  the next when a node drains (node:draining, close 1001) or cannot be reached
   *   query          handshake query parameters, e.g. {jobId: "..."}
   *   token          a handshake token (JWT): sent as ?token= and as REST's Authorization
   *   apiKey         an API key for REST only (never put into the socket's URL)
   *   initialDelayMs first reconnect delay (500), maxDelayMs cap (10000)
   *   requestTimeoutMs how long a request waits for its answer (15000)
   *   pingIntervalMs client_ping period (25000); a missing pong within pingTimeoutMs (10000)
   *                  counts as a dead connection
   *   autoConnect    connect at once (true)
   */
  function RoomcastClient(options) {
    options = options || {};
    var query = Object.assign({}, options.query || {});
    if (options.token) {
      query.token = options.token;
    }
    // several nodes (B6): a draining or unreachable node is left for the next one
    this.urls =
      options.urls && options.urls.length ? options.urls.slice() : [options.url || socketUrl(query)];
    this.urlIndex = 0;
    this.url = this.urls[0];
    this.drainNotice = null;
    // credentials travel only in the Authorization header, never in cookies (docs/protocol.md 6)
    this.authorization = options.apiKey || options.token || null;
    this.initialDelayMs = options.initialDelayMs || 500;
    this.maxDelayMs = options.maxDelayMs || 10000;
    this.requestTimeoutMs = options.requestTimeoutMs || 15000;
    this.pingIntervalMs = options.pingIntervalMs || 25000;
    this.pingTimeoutMs = options.pingTimeoutMs || 10000;
    this.state = 'idle';
    this.sid = null;
    this.attempt = 0;
    this.ws = null;
    this.wanted = false;
    this.handlers = new Map();
    this.rooms = new Map();
    this.pending = new Map();
    this.leaving = new Map();
    this.nextOpId = 1;
    this.reconnectTimer = null;
    this.pingTimer = null;
    this.pongDeadline = null;
    if (options.autoConnect !== false) {
      this.connect();
    }
  }

  RoomcastClient.prototype = {
    /**
     * Subscribes to a server event type ("room:update", "user-joined", ...), "*" for every
     * message, or a client event: "state" ({state, previous, attempt, delayMs, code}),
     * "sync" ({room, resumed, snapshot, epoch, roomSeq, supportsResume, initial}) and
     * "gap" ({room, expected, received}). Server handlers get (data, envelope).
     * Returns a function that unsubscribes.
     */
    on: function (type, fn) {
      if (!this.handlers.has(type)) {
        this.handlers.set(type, new Set());
      }
      this.handlers.get(type).add(fn);
      var self = this;
      return function () {
        self.off(type, fn);
      };
    },

    off: function (type, fn) {
      var set = this.handlers.get(type);
      if (set) {
        set.delete(fn);
      }
    },

    /** Opens the connection (again); rooms joined before are re-joined and resumed. */
    connect: function () {
      this.wanted = true;
      if (this.ws) {
        return;
      }
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this._setState(this.attempt > 0 ? 'reconnecting' : 'connecting', {attempt: this.attempt});
      var ws;
      try {
        ws = new WebSocket(this.url);
      } catch (e) {
        this._scheduleReconnect({code: 0, reason: String(e)});
        return;
      }
      this.ws = ws;
      var self = this;
      ws.onmessage = function (event) {
        if (self.ws === ws) {
          self._receive(event.data);
        }
      };
      ws.onclose = function (event) {
        if (self.ws === ws) {
          self._lost({code: event.code, reason: event.reason});
        }
      };
      ws.onerror = function () {
        // onclose follows and handles it
      };
    },

    /**
     * Closes the connection and stops reconnecting. Joined rooms are remembered: a later
     * connect() re-joins and resumes them.
     */
    close: function () {
      this.wanted = false;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      var ws = this.ws;
      this._lost({code: 1000, reason: 'closed by client'});
      if (ws) {
        ws.close(1000, 'closed by client');
      }
    },

    /**
     * Drops the socket as a network failure would: the client then reconnects with backoff and
     * resumes its rooms. For tests and demos.
     */
    dropConnection: function () {
      var ws = this.ws;
      this._lost({code: 4000, reason: 'dropped by client'});
      if (ws) {
        ws.close(4000, 'dropped by client');
      }
    },

    /**
     * Joins a room ("overview:public" or "room:<id>"); resolves with the ack:join data once the
     * server confirms, rejects with a RoomcastError when it refuses. While disconnected the join
     * is sent as soon as the connection opens.
     */
    join: function (room) {
      var entry = this.rooms.get(room);
      if (!entry) {
        entry = {room: room, roomSeq: null, epoch: null, joined: false, waiters: [], syncs: 0};
        this.rooms.set(room, entry);
      }
      var promise = new Promise(function (resolve, reject) {
        entry.waiters.push({resolve: resolve, reject: reject});
      });
      if (this.state === 'open' && !entry.sent) {
        this._sendJoin(entry);
      }
      return promise;
    },

    /** Leaves a room; resolves with the ack:leave data (at once when disconnected). */
    leave: function (room) {
      var entry = this.rooms.get(room);
      this.rooms.delete(room);
      if (entry) {
        entry.waiters.forEach(function (w) {
          w.reject(RoomcastError('LEFT', 'left ' + room + ' before the join completed'));
        });
      }
      if (this.state !== 'open') {
        return Promise.resolve({room: room, success: true});
      }
      var self = this;
      return new Promise(function (resolve) {
        if (!self.leaving.has(room)) {
          self.leaving.set(room, []);
        }
        self.leaving.get(room).push(resolve);
        self._send({type: 'leave', room: room});
      });
    },

    /** The rooms this client is in (or will re-join), with the last roomSeq and epoch seen. */
    joinedRooms: function () {
      var result = {};
      this.rooms.forEach(function (entry, room) {
        result[room] = {roomSeq: entry.roomSeq, epoch: entry.epoch, joined: entry.joined};
      });
      return result;
    },

    /**
     * Sends a request and resolves with ack:op's data, or rejects with a RoomcastError carrying
     * err:op's errorType as code. Rejects with NOT_CONNECTED while disconnected and with
     * CONNECTION_LOST when the connection drops before the answer.
     */
    request: function (type, room, data) {
      if (this.state !== 'open') {
        return Promise.reject(RoomcastError('NOT_CONNECTED', 'not connected'));
      }
      var clientOpId = 'op-' + this.nextOpId++;
      var self = this;
      return new Promise(function (resolve, reject) {
        var timer = setTimeout(function () {
          self.pending.delete(clientOpId);
          reject(RoomcastError('TIMEOUT', type + ' got no answer'));
        }, self.requestTimeoutMs);
        self.pending.set(clientOpId, {resolve: resolve, reject: reject, timer: timer});
        var message = {type: type, clientOpId: clientOpId, data: data || {}};
        if (room) {
          message.room = room;
        }
        self._send(message);
      });
    },

    acquireLock: function (room, options) {
      return this.request('lock:acquire', room, options || {});
    },
    refreshLock: function (room, ttlSeconds) {
      return this.request('lock:refresh', room, ttlSeconds ? {ttlSeconds: ttlSeconds} : {});
    },
    lockMessage: function (room, msg) {
      return this.request('lock:msg', room, {msg: msg});
    },
    releaseLock: function (room) {
      return this.request('lock:release', room);
    },
    takePresenter: function (room) {
      return this.request('presenter:take', room);
    },
    releasePresenter: function (room) {
      return this.request('presenter:release', room);
    },
    /** Publishes a pass-through event (frame_update, chat:message:new, ...) into a room. */
    publish: function (room, type, data) {
      return this.request(type, room, data);
    },
    /** The room's current snapshot: {room, epoch, roomSeq, snapshot} (F2.7). */
    currentState: function (room) {
      return this.request('client:request_current_state', room);
    },

    /**
     * A JSON call to the REST API next to this script: resolves with {status, body, roomSeq,
     * epoch}, the last two from X-Roomcast-Seq / X-Roomcast-Epoch when the server sends them.
     * Sends the client's apiKey or token as Authorization: Bearer.
     */
    rest: function (method, path, body) {
      var init = {method: method, headers: {Accept: 'application/json'}, credentials: 'omit'};
      if (this.authorization) {
        init.headers.Authorization = 'Bearer ' + this.authorization;
      }
      if (body !== undefined) {
        init.headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      return fetch(new URL('api/' + path, BASE), init).then(function (response) {
        return response.text().then(function (text) {
          var seq = response.headers.get('X-Roomcast-Seq');
          return {
            status: response.status,
            body: text ? JSON.parse(text) : null,
            roomSeq: seq === null ? null : Number(seq),
            epoch: response.headers.get('X-Roomcast-Epoch'),
          };
        });
      });
    },

    _setState: function (state, details) {
      var previous = this.state;
      this.state = state;
      var event = Object.assign({state: state, previous: previous}, details || {});
      this._emit('state', event, null);
    },

    _send: function (message) {
      if (this.ws && this.ws.readyState === WebSocket.OPEN) {
        this.ws.send(JSON.stringify(message));
      }
    },

    _sendJoin: function (entry) {
      var data = {};
      if (entry.roomSeq !== null) {
        data.since = {roomSeq: entry.roomSeq, epoch: entry.epoch};
      }
      entry.sent = true;
      // the generic join (room in the envelope) takes any data, so servers without resume
      // simply ignore `since`
      this._send({type: 'join', room: entry.room, data: data});
    },

    _receive: function (text) {
      var message;
      try {
        message = JSON.parse(text);
      } catch (e) {
        return;
      }
      var data = message.data || {};
      switch (message.type) {
        case 'connection_status':
          this._opened(data);
          break;
        case 'ack:join':
          this._joined(data);
          break;
        case 'ack:leave':
          this._left(data);
          break;
        case 'ack:op':
        case 'err:op':
          this._answered(message.type, data);
          break;
        case 'client_pong':
          this.pongDeadline = null;
          break;
        case 'sync:error':
          this._syncError(data);
          break;
        case 'node:draining':
          // the node goes away and closes with 1001 next: not an error, reconnect elsewhere
          this.drainNotice = {delayMs: data.reconnectDelayMs || 0, nodeId: data.nodeId};
          break;
        default:
          if (!this._inSequence(message)) {
            return;
          }
      }
      this._emit(message.type, data, message);
    },

    _opened: function (status) {
      this.sid = status.sid;
      this.attempt = 0;
      this._setState('open', {sid: status.sid});
      var self = this;
      this.rooms.forEach(function (entry) {
        self._sendJoin(entry);
      });
      this._schedulePing();
    },

    _joined: function (ack) {
      var entry = this.rooms.get(ack.room);
      if (!entry) {
        return;
      }
      if (!ack.success) {
        this.rooms.delete(ack.room);
        var error = RoomcastError(ack.errorType || 'JOIN_ERROR', ack.message, ack);
        entry.waiters.forEach(function (w) {
          w.reject(error);
        });
        return;
      }
      var resumed = ack.resumed === true;
      if (!resumed) {
        // a fresh start: the snapshot (or the caller's REST load) reflects roomSeq
        entry.roomSeq = typeof ack.roomSeq === 'number' ? ack.roomSeq : null;
        entry.epoch = ack.epoch === undefined ? null : ack.epoch;
      }
      entry.joined = true;
      entry.sent = false;
      if (ack.room.indexOf('room:') === 0 && this.rooms.has(OVERVIEW)) {
        // the server leaves overview:public when a room is joined (F0.1); mirror it so a
        // reconnect does not re-join the overview behind the page's back
        this.rooms.delete(OVERVIEW);
      }
      var initial = entry.syncs === 0;
      entry.syncs++;
      this._emit(
        'sync',
        {
          room: ack.room,
          resumed: resumed,
          supportsResume: 'resumed' in ack,
          initial: initial,
          snapshot: ack.snapshot,
          epoch: entry.epoch,
          roomSeq: ack.roomSeq,
        },
        null
      );
      var waiters = entry.waiters;
      entry.waiters = [];
      waiters.forEach(function (w) {
        w.resolve(ack);
      });
    },

    _left: function (ack) {
      var waiters = this.leaving.get(ack.room);
      if (waiters) {
        this.leaving.delete(ack.room);
        waiters.forEach(function (resolve) {
          resolve(ack);
        });
      }
    },

    _answered: function (type, answer) {
      var request = this.pending.get(answer.clientOpId);
      if (!request) {
        return;
      }
      this.pending.delete(answer.clientOpId);
      clearTimeout(request.timer);
      if (type === 'ack:op') {
        request.resolve(answer.data);
      } else {
        request.reject(RoomcastError(answer.errorType || 'ERROR', answer.message, answer));
      }
    },

    _syncError: function (error) {
      var entry = this.rooms.get(error.room);
      if (!entry || entry.sent) {
        // a join is under way: its ack:join carries the fresh snapshot
        return;
      }
      // an answer to sync:request: start over from the server's position
      entry.roomSeq = typeof error.roomSeq === 'number' ? error.roomSeq : null;
      entry.epoch = error.epoch === undefined ? null : error.epoch;
      this._emit(
        'sync',
        {room: error.room, resumed: false, supportsResume: true, initial: false, snapshot: undefined,
          epoch: entry.epoch, roomSeq: entry.roomSeq},
        null
      );
    },

    /** Drops duplicates and reports gaps in a room's sequence; true to deliver the message. */
    _inSequence: function (message) {
      if (typeof message.roomSeq !== 'number' || !message.room) {
        return true;
      }
      var entry = this.rooms.get(message.room);
      if (!entry) {
        return true;
      }
      if (entry.roomSeq !== null) {
        if (message.roomSeq <= entry.roomSeq) {
          return false;
        }
        if (message.roomSeq > entry.roomSeq + 1) {
          this._emit(
            'gap',
            {room: message.room, expected: entry.roomSeq + 1, received: message.roomSeq},
            null
          );
        }
      }
      entry.roomSeq = message.roomSeq;
      return true;
    },

    _lost: function (details) {
      if (!this.ws && this.state !== 'open') {
        if (!this.wanted) {
          this._setState('closed', details);
        }
        return;
      }
      var ws = this.ws;
      this.ws = null;
      if (ws) {
        ws.onmessage = ws.onclose = ws.onerror = null;
      }
      clearTimeout(this.pingTimer);
      this.pingTimer = null;
      this.pongDeadline = null;
      this.rooms.forEach(function (entry) {
        entry.joined = false;
        entry.sent = false;
      });
      var pending = this.pending;
      this.pending = new Map();
      pending.forEach(function (request) {
        clearTimeout(request.timer);
        request.reject(RoomcastError('CONNECTION_LOST', 'connection lost before the answer'));
      });
      var leaving = this.leaving;
      this.leaving = new Map();
      leaving.forEach(function (waiters, room) {
        waiters.forEach(function (resolve) {
          resolve({room: room, success: true});
        });
      });
      if (this.wanted) {
        var notice = this.drainNotice;
        this.drainNotice = null;
        if (notice || (details && details.code === 1001)) {
          this._rehome(notice, details);
        } else {
          this._scheduleReconnect(details);
        }
      } else {
        this._setState('closed', details);
      }
    },

    /**
     * The node said it goes (node:draining and/or close 1001, B6): a planned move, not a failure.
     * The client goes to the next node after the delay the server gave (jittered per client, so
     * a node's clients do not all come back at once), without backoff, and resumes its rooms.
     */
    _rehome: function (notice, details) {
      this.ws = null;
      this._nextUrl();
      var delayMs = notice
        ? notice.delayMs
        : Math.round(Math.random() * this.initialDelayMs);
      this._setState(
        'reconnecting',
        Object.assign({}, details || {}, {attempt: this.attempt, delayMs: delayMs, draining: true})
      );
      this._reconnectIn(delayMs);
    },

    _reconnectIn: function (delayMs) {
      var self = this;
      this.reconnectTimer = setTimeout(function () {
        self.reconnectTimer = null;
        if (self.wanted) {
          self.connect();
        }
      }, delayMs);
    },

    _nextUrl: function () {
      this.urlIndex = (this.urlIndex + 1) % this.urls.length;
      this.url = this.urls[this.urlIndex];
    },

    _scheduleReconnect: function (details) {
      this.ws = null;
      if (this.attempt > 0) {
        // the node could not be reached again: try the next one, if there are several
        this._nextUrl();
      }
      // exponential backoff with "equal jitter": half fixed, half random, so clients that lost
      // the server together do not come back together
      var ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * Math.pow(2, this.attempt));
      var delayMs = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
      this.attempt++;
      this._setState(
        'reconnecting',
        Object.assign({attempt: this.attempt, delayMs: delayMs}, details || {})
      );
      this._reconnectIn(delayMs);
    },

    _schedulePing: function () {
      var self = this;
      clearTimeout(this.pingTimer);
      this.pingTimer = setTimeout(function () {
        if (self.state !== 'open') {
          return;
        }
        if (self.pongDeadline !== null && Date.now() > self.pongDeadline) {
          // no pong in time: the socket is half-open; treat it as lost
          self.dropConnection();
          return;
        }
        if (self.pongDeadline === null) {
          self.pongDeadline = Date.now() + self.pingTimeoutMs;
          self._send({type: 'client_ping'});
        }
        self._schedulePing();
      }, Math.min(this.pingIntervalMs, this.pingTimeoutMs));
    },

    _emit: function (type, data, envelope) {
      var notify = function (fn) {
        try {
          fn(data, envelope);
        } catch (e) {
          if (global.console) {
            global.console.error('roomcast handler for ' + type + ' failed', e);
          }
        }
      };
      var set = this.handlers.get(type);
      if (set) {
        Array.from(set).forEach(notify);
      }
      if (envelope) {
        var all = this.handlers.get('*');
        if (all) {
          Array.from(all).forEach(notify);
        }
      }
    },
  };

  global.Roomcast = {
    /** Creates a client and connects it: Roomcast.connect({query: {token}}). */
    connect: function (options) {
      return new RoomcastClient(options);
    },
    Client: RoomcastClient,
    Error: RoomcastError,
    OVERVIEW: OVERVIEW,
    /** The URL this script was served from: the WAR's root. */
    base: BASE.toString(),
  };
})(window);
