/* The /rooms page (B4): the live room list, kept current by room:update / room:delete. */
(function () {
  'use strict';
  // nothing loads and no socket opens before a credential works (B10)
  window.RoomcastConsole.signIn().then(function (credentials) {
    var C = window.RoomcastConsole;
    var client = Roomcast.connect(credentials);
    var rooms = new Map();
    var loader = new C.BufferedLoad();
    var tbody = document.querySelector('#rooms tbody');

    C.showConnection(client);
    window.roomcastPage = {client: client, rooms: rooms};

    function apply(envelope) {
      var data = envelope.data || {};
      if (envelope.type === 'room:delete') {
        rooms.delete(data.roomId);
        render();
        return;
      }
      var room = rooms.get(data.roomId);
      if (!room || data.created) {
        room = {id: data.roomId, description: null, frameCount: 0, locked: false, hidden: false,
          isDefault: false, metadataLocked: null, presenterSid: null};
      }
      Object.keys(data).forEach(function (key) {
        if (key !== 'roomId' && key !== 'created') {
          room[key] = data[key];
        }
      });
      rooms.set(data.roomId, room);
      render();
    }

    function replace(list) {
      rooms.clear();
      list.forEach(function (room) {
        rooms.set(room.id, room);
      });
      render();
    }

    function row(room) {
      var pills = [];
      if (room.locked) {
        pills.push(C.pill('locked', 'locked', 'permanently locked: refuses changes'));
      }
      if (room.metadataLocked) {
        pills.push(C.pill('lock', 'lock: ' + C.lockText(room.metadataLocked),
          'temporary lock since ' + C.time(room.metadataLocked.timestamp)));
      }
      if (room.isDefault) {
        pills.push(C.pill('default', 'default'));
      }
      if (room.hidden) {
        pills.push(C.pill('hidden', 'hidden'));
      }
      return C.el('tr', {'data-room-id': room.id}, [
        C.el('td', {className: 'id'}, [
          C.el('a', {href: 'rooms/' + encodeURIComponent(room.id), text: room.id}),
        ]),
        C.el('td', {className: 'description', text: room.description || ''}),
        C.el('td', {className: 'frames num', text: String(room.frameCount)}),
        C.el('td', {className: 'pills'}, pills),
        C.el('td', {className: 'presenter', text: room.presenterSid || ''}),
      ]);
    }

    function render() {
      var ids = Array.from(rooms.keys()).sort();
      tbody.replaceChildren.apply(tbody, ids.map(function (id) {
        return row(rooms.get(id));
      }));
      document.getElementById('room-count').textContent = '(' + ids.length + ')';
      document.getElementById('empty').hidden = ids.length > 0;
    }

    function live() {
      document.getElementById('load-error').hidden = true;
      document.body.dataset.live = client.state === 'open' ? 'true' : 'false';
    }

    function failed(error) {
      var banner = document.getElementById('load-error');
      banner.textContent = 'Loading rooms failed: ' + error.message;
      banner.hidden = false;
    }

    function loadFromRest() {
      // hidden rooms are listed too (with a pill): this is an operator's console
      return loader.run(
        function () {
          return client.rest('GET', 'rooms?includeHidden=true').then(function (answer) {
            if (answer.status !== 200) {
              throw new Error('GET /api/rooms answered ' + answer.status);
            }
            return {rooms: answer.body, roomSeq: null};
          });
        },
        function (answer) {
          replace(answer.rooms);
        },
        apply
      );
    }

    ['room:update', 'room:delete'].forEach(function (type) {
      client.on(type, function (data, envelope) {
        if (envelope.room === Roomcast.OVERVIEW && !loader.hold(envelope)) {
          apply(envelope);
        }
      });
    });

    client.on('sync', function (sync) {
      if (sync.room !== Roomcast.OVERVIEW) {
        return;
      }
      if (sync.resumed) {
        live();
        return;
      }
      // the overview snapshot leaves hidden rooms out, and the console shows them, so the list
      // always comes from REST; events that arrive meanwhile are replayed on top
      loadFromRest().then(function (current) {
        if (current) {
          live();
        }
      }, failed);
    });

    // a hole in the overview's sequence means missed events: reload the list
    client.on('gap', function (gap) {
      if (gap.room === Roomcast.OVERVIEW) {
        loadFromRest().catch(failed);
      }
    });

    client.join(Roomcast.OVERVIEW).catch(failed);
  });
})();
