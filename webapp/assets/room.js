/*
 * The /rooms/{roomId} page (B4): the room's metadata, members, lock and presenter, a live event
 * log, and controls for the lock and the presenter.
 */
(function () {
  'use strict';
  // nothing loads and no socket opens before a credential works (B10)
  window.RoomcastConsole.signIn().then(function (credentials) {
    var C = window.RoomcastConsole;
    var MAX_LOG = 300;
    var basePath = new URL(Roomcast.base).pathname;
    var roomId = decodeURIComponent(location.pathname.substring(basePath.length).replace(/^rooms\//, ''));
    var room = 'room:' + roomId;
    var client = Roomcast.connect(credentials);
    var meta = null;
    var members = null;
    var occupancy = null;
    var loader = new C.BufferedLoad();
    var byId = function (id) {
      return document.getElementById(id);
    };

    document.title = 'roomcast: ' + roomId;
    byId('room-id').textContent = roomId;
    C.showConnection(client);
    client.on('state', function (event) {
      byId('my-sid').textContent = event.state === 'open' ? client.sid : '-';
    });
    window.roomcastPage = {client: client, room: room};

    function apply(envelope) {
      var data = envelope.data || {};
      switch (envelope.type) {
        case 'room:update':
          meta = meta && !data.created ? meta : {id: roomId};
          Object.keys(data).forEach(function (key) {
            if (key !== 'roomId' && key !== 'created') {
              meta[key] = data[key];
            }
          });
          break;
        case 'room:delete':
          document.body.dataset.deleted = 'true';
          byId('deleted').hidden = false;
          break;
        case 'user-joined':
          members = members || new Map();
          members.set(data.userId, {userId: data.userId, userName: data.userName,
            joinedAt: data.joinedAt, connections: null});
          occupancy = data.currentOccupancy;
          break;
        case 'user-left':
          if (members) {
            members.delete(data.userId);
          }
          occupancy = data.currentOccupancy;
          break;
        default:
          return;
      }
      render();
    }

    function render() {
      var m = meta || {};
      byId('description').textContent = m.description || '';
      byId('frame-count').textContent = m.frameCount === undefined ? '' : String(m.frameCount);
      var lock = m.metadataLocked;
      byId('lock-holder').textContent = lock ? lock.userName || 'someone' : 'none';
      byId('lock-msg-shown').textContent = lock && lock.msg ? lock.msg : '';
      byId('lock-since').textContent = lock ? C.time(lock.timestamp) : '';
      var presenter = byId('presenter');
      presenter.dataset.sid = m.presenterSid || '';
      presenter.textContent = m.presenterSid
        ? m.presenterSid + (m.presenterSid === client.sid ? ' (you)' : '')
        : 'none';
      var pills = [];
      if (m.locked) {
        pills.push(C.pill('locked', 'locked'));
      }
      if (lock) {
        pills.push(C.pill('lock', 'lock: ' + C.lockText(lock)));
      }
      if (m.isDefault) {
        pills.push(C.pill('default', 'default'));
      }
      if (m.hidden) {
        pills.push(C.pill('hidden', 'hidden'));
      }
      if (m.presenterSid) {
        pills.push(C.pill('presenter', 'presenting'));
      }
      byId('room-pills').replaceChildren.apply(byId('room-pills'), pills);
      var seq = client.joinedRooms()[room];
      if (seq && seq.roomSeq !== null) {
        byId('room-seq').textContent = '#' + seq.roomSeq;
      }
      renderMembers();
    }

    function renderMembers() {
      byId('presence-unsupported').hidden = members !== null;
      var list = byId('members');
      if (members === null) {
        list.replaceChildren();
        byId('occupancy').textContent = '';
        return;
      }
      byId('occupancy').textContent = '(' + (occupancy === null ? members.size : occupancy) + ' present)';
      list.replaceChildren.apply(list, Array.from(members.values()).map(function (member) {
        var label = (member.userName || member.userId) +
          (member.connections > 1 ? ' (' + member.connections + ' connections)' : '') +
          (member.isActive === false ? ' (inactive)' : '');
        return C.el('li', {'data-user-id': member.userId, text: label});
      }));
    }

    function log(envelope) {
      var list = byId('log');
      var item = C.el('li', {'data-seq': String(envelope.roomSeq), 'data-type': envelope.type}, [
        C.el('span', {className: 'seq', text: '#' + envelope.roomSeq}),
        C.el('span', {className: 'type', text: envelope.type}),
        C.el('span', {className: 'data', text: JSON.stringify(envelope.data)}),
      ]);
      list.appendChild(item);
      while (list.children.length > MAX_LOG) {
        list.removeChild(list.firstChild);
      }
      list.scrollTop = list.scrollHeight;
      byId('event-count').textContent = '(' + list.children.length + ')';
    }

    function loadPresence() {
      return client.rest('GET', 'rooms/' + encodeURIComponent(roomId) + '/presence').then(function (answer) {
        if (answer.status === 404 && (!answer.body || answer.body.code !== 'ROOM_NOT_FOUND')) {
          document.body.dataset.presence = 'unsupported';
          return null;
        }
        document.body.dataset.presence = 'supported';
        return answer.status === 200 ? answer.body : null;
      });
    }

    function loadMeta(snapshot) {
      if (snapshot) {
        return Promise.resolve({body: snapshot, roomSeq: null, status: 200});
      }
      return client.rest('GET', 'rooms/' + encodeURIComponent(roomId));
    }

    function load(snapshot) {
      return loader.run(
        function () {
          return Promise.all([loadMeta(snapshot), loadPresence()]).then(function (answers) {
            return {meta: answers[0], presence: answers[1], roomSeq: answers[0].roomSeq};
          });
        },
        function (answer) {
          if (answer.meta.status !== 200) {
            var error = new Error('GET /api/rooms/' + roomId + ' answered ' + answer.meta.status);
            error.code = answer.meta.body && answer.meta.body.code;
            throw error;
          }
          meta = answer.meta.body;
          if (answer.presence) {
            members = new Map();
            answer.presence.members.forEach(function (member) {
              members.set(member.userId, member);
            });
            occupancy = answer.presence.occupancy;
          }
          render();
        },
        apply
      );
    }

    client.on('*', function (data, envelope) {
      if (envelope.room !== room || typeof envelope.roomSeq !== 'number') {
        return;
      }
      log(envelope);
      byId('room-seq').textContent = '#' + envelope.roomSeq;
      if (!loader.hold(envelope)) {
        apply(envelope);
      }
    });

    function live() {
      byId('load-error').hidden = true;
      document.body.dataset.live = client.state === 'open' ? 'true' : 'false';
      document.body.dataset.resume = lastSync && lastSync.supportsResume ? 'supported' : 'unsupported';
    }

    function failed(error) {
      var banner = byId('load-error');
      banner.textContent = error.code === 'ROOM_NOT_FOUND'
        ? 'No room "' + roomId + '".'
        : 'Loading the room failed: ' + error.message;
      banner.hidden = false;
    }

    var lastSync = null;
    client.on('sync', function (sync) {
      if (sync.room !== room) {
        return;
      }
      lastSync = sync;
      window.roomcastPage.lastSync = sync;
      if (sync.resumed) {
        render();
        live();
        return;
      }
      // a fresh start: the join's snapshot when the server sends one, else REST
      load(sync.snapshot).then(function (current) {
        if (current) {
          live();
        }
      }).catch(failed);
    });

    // a hole in the room's sequence means missed events: start over from the current state
    client.on('gap', function (gap) {
      if (gap.room === room) {
        load(undefined).catch(failed);
      }
    });

    function report(promise, success) {
      var result = byId('op-result');
      result.textContent = '...';
      result.className = 'result';
      delete result.dataset.code;
      promise.then(function () {
        result.textContent = success;
        result.className = 'result ok';
        result.dataset.code = 'OK';
      }, function (error) {
        result.textContent = (error.code || 'ERROR') + ': ' + error.message;
        result.className = 'result error';
        result.dataset.code = error.code || 'ERROR';
      });
    }

    byId('lock-take').addEventListener('click', function () {
      var request = {};
      if (byId('lock-msg').value) {
        request.msg = byId('lock-msg').value;
      }
      if (byId('lock-user').value) {
        request.userName = byId('lock-user').value;
      }
      report(client.acquireLock(room, request), 'lock taken');
    });
    byId('lock-release').addEventListener('click', function () {
      report(client.releaseLock(room), 'lock released');
    });
    byId('presenter-take').addEventListener('click', function () {
      report(client.takePresenter(room), 'you present');
    });
    byId('presenter-release').addEventListener('click', function () {
      report(client.releasePresenter(room), 'presenter released');
    });

    render();
    client.join(room).catch(failed);
  });
})();
