/* Shared pieces of the console pages (B4): the connection badge and small DOM helpers. */
(function (global) {
  'use strict';

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') {
        node.textContent = attrs[key];
      } else if (key === 'className') {
        node.className = attrs[key];
      } else {
        node.setAttribute(key, attrs[key]);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(child);
      }
    });
    return node;
  }

  function pill(kind, text, title) {
    var node = el('span', {className: 'pill pill-' + kind, text: text});
    if (title) {
      node.title = title;
    }
    return node;
  }

  function lockText(lock) {
    if (!lock) {
      return '';
    }
    return (lock.userName || 'someone') + (lock.msg ? ': ' + lock.msg : '');
  }

  function time(epochSeconds) {
    return epochSeconds ? new Date(epochSeconds * 1000).toLocaleTimeString() : '';
  }

  /** Shows the client's connection state in the header and on <body data-connection>. */
  function showConnection(client) {
    var badge = document.getElementById('connection');
    var render = function (event) {
      var text = event.state;
      if (event.state === 'reconnecting' && event.delayMs !== undefined) {
        text += ' in ' + (event.delayMs / 1000).toFixed(1) + ' s (attempt ' + event.attempt + ')';
      }
      badge.textContent = text;
      badge.className = 'state state-' + event.state;
      document.body.dataset.connection = event.state;
      if (event.state !== 'open') {
        document.body.dataset.live = 'false';
      }
    };
    render({state: client.state});
    client.on('state', render);
  }

  /**
   * Loads state over REST while buffering live events, then replays the buffered ones on top, so
   * nothing that happens during the load is lost (events the REST answer already reflects, by
   * X-Roomcast-Seq, are dropped).
   */
  function BufferedLoad() {
    this.buffer = null;
  }
  BufferedLoad.prototype = {
    /** True while loading: the event was buffered and must not be applied now. */
    hold: function (envelope) {
      if (this.buffer) {
        this.buffer.push(envelope);
        return true;
      }
      return false;
    },
    run: function (load, replace, apply) {
      var self = this;
      var buffer = [];
      this.buffer = buffer;
      return load().then(
        function (answer) {
          if (self.buffer !== buffer) {
            return false;
          }
          self.buffer = null;
          replace(answer);
          buffer.forEach(function (envelope) {
            if (answer.roomSeq === null || answer.roomSeq === undefined
                || envelope.roomSeq > answer.roomSeq) {
              apply(envelope);
            }
          });
          return true;
        },
        function (error) {
          if (self.buffer === buffer) {
            self.buffer = null;
          }
          throw error;
        }
      );
    },
  };

  global.RoomcastConsole = {
    el: el,
    pill: pill,
    lockText: lockText,
    time: time,
    showConnection: showConnection,
    BufferedLoad: BufferedLoad,
  };
})(window);
