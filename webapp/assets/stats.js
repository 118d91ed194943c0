/* The stats page (B4): connections, rooms and event rates from GET /api/stats, polled. */
(function () {
  'use strict';
  // nothing loads and no socket opens before a credential works (B10)
  window.RoomcastConsole.signIn().then(function (credentials) {
    var C = window.RoomcastConsole;
    var POLL_MS = 2000;
    var client = Roomcast.connect(credentials);
    var previous = null;
    var seen = 0;
    var seenSince = Date.now();
    var byId = function (id) {
      return document.getElementById(id);
    };

    C.showConnection(client);
    window.roomcastPage = {client: client};

    // the page follows the overview too, to show the event rate one client actually receives
    client.on('*', function (data, envelope) {
      if (envelope.room === Roomcast.OVERVIEW) {
        seen++;
      }
    });

    function rate(now, then, key, seconds) {
      if (!then || typeof now[key] !== 'number' || typeof then[key] !== 'number') {
        return '-';
      }
      return ((now[key] - then[key]) / seconds).toFixed(1);
    }

    function showServerStats(stats) {
      var at = Date.now();
      byId('stats-unsupported').hidden = true;
      document.body.dataset.stats = 'supported';
      byId('total-connections').textContent = String(stats.totalConnections);
      byId('events-in').textContent = String(stats.eventsIn);
      byId('events-out').textContent = String(stats.eventsOut);
      byId('queue-drops').textContent = String(stats.queueDrops);
      byId('slow-closes').textContent = String(stats.slowConsumerCloses);
      var seconds = previous ? (at - previous.at) / 1000 : 0;
      byId('rate-in').textContent = seconds > 0 ? rate(stats, previous.stats, 'eventsIn', seconds) : '-';
      byId('rate-out').textContent = seconds > 0 ? rate(stats, previous.stats, 'eventsOut', seconds) : '-';
      previous = {at: at, stats: stats};
      var rooms = stats.rooms || {};
      var names = Object.keys(rooms).sort();
      // rooms are listed one by one only where the backend names them; every kind is counted
      var kinds = stats.kinds || {};
      var kindNames = Object.keys(kinds).sort();
      byId('active-rooms').textContent = String(stats.kinds
        ? kindNames.reduce(function (sum, kind) { return sum + kinds[kind].rooms; }, 0)
        : names.length);
      var kindBody = document.querySelector('#kind-members tbody');
      kindBody.replaceChildren.apply(kindBody, kindNames.map(function (kind) {
        return C.el('tr', {'data-kind': kind}, [
          C.el('td', {text: kind}),
          C.el('td', {className: 'num', text: String(kinds[kind].rooms)}),
          C.el('td', {className: 'num', text: String(kinds[kind].members)}),
        ]);
      }));
      var tbody = document.querySelector('#room-members tbody');
      tbody.replaceChildren.apply(tbody, names.map(function (name) {
        return C.el('tr', {'data-room': name}, [
          C.el('td', {text: name}),
          C.el('td', {className: 'num', text: String(rooms[name])}),
        ]);
      }));
    }

    function poll() {
      var stats = client.rest('GET', 'stats').then(function (answer) {
        if (answer.status === 200) {
          showServerStats(answer.body);
        } else {
          byId('stats-unsupported').hidden = false;
          document.body.dataset.stats = 'unsupported';
        }
      });
      var rooms = client.rest('GET', 'rooms?includeHidden=true').then(function (answer) {
        if (answer.status === 200) {
          byId('room-total').textContent = String(answer.body.length);
        }
      });
      var seconds = (Date.now() - seenSince) / 1000;
      byId('rate-seen').textContent = seconds > 0 ? (seen / seconds).toFixed(1) : '-';
      seen = 0;
      seenSince = Date.now();
      Promise.all([stats, rooms]).then(function () {
        byId('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
        document.body.dataset.live = 'true';
      }, function (error) {
        byId('updated').textContent = 'update failed: ' + error.message;
      }).then(function () {
        setTimeout(poll, POLL_MS);
      });
    }

    // the first poll after the join, so this page's own membership is counted
    client.join(Roomcast.OVERVIEW).then(poll, poll);
  });
})();
