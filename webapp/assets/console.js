/*
 * Shared pieces of the console pages (B4): sign-in (B10), the connection badge and small DOM
 * helpers.
 */
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

  var CREDENTIAL_KEY = 'roomcast.console.credential';

  function looksLikeToken(text) {
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(text);
  }

  /** Who the server says a credential (or none) is: GET /api/caller. */
  function whoIs(credential) {
    var headers = {Accept: 'application/json'};
    if (credential) {
      headers.Authorization = 'Bearer ' + credential;
    }
    return fetch(new URL('api/caller', Roomcast.base), {headers: headers, credentials: 'omit'})
      .then(function (response) {
        return response.text().then(function (text) {
          var body = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch (e) {
            body = null;
          }
          return {status: response.status, body: body};
        });
      });
  }

  /**
   * Resolves with the client options of a credential that has the backend's rights ({token} for a
   * JWT, which the socket takes too; {apiKey} for an API key, REST only), or {} where the server
   * needs none (development mode). Until then the page shows the sign-in form, loads nothing and
   * opens no socket; body[data-auth] is "checking", "required" or "ok". The credential is kept in
   * sessionStorage (this tab only) and sent only as an Authorization header (B10).
   */
  function signIn() {
    var body = document.body;
    var main = document.querySelector('main');
    var login = document.getElementById('login');
    var form = document.getElementById('login-form');
    var input = document.getElementById('login-credential');
    var error = document.getElementById('login-error');
    var signOut = document.getElementById('sign-out');
    body.dataset.auth = 'checking';
    return new Promise(function (resolve) {
      function accepted(credential) {
        body.dataset.auth = 'ok';
        login.hidden = true;
        main.hidden = false;
        signOut.hidden = !credential;
        if (!credential) {
          resolve({});
        } else {
          resolve(looksLikeToken(credential) ? {token: credential} : {apiKey: credential});
        }
      }
      function required(message) {
        body.dataset.auth = 'required';
        main.hidden = true;
        login.hidden = false;
        error.textContent = message || '';
        error.hidden = !message;
        input.focus();
      }
      function attempt(credential) {
        whoIs(credential).then(function (answer) {
          if (answer.status === 200 && answer.body && answer.body.backend) {
            if (credential) {
              sessionStorage.setItem(CREDENTIAL_KEY, credential);
            }
            accepted(credential);
            return;
          }
          sessionStorage.removeItem(CREDENTIAL_KEY);
          if (!credential) {
            required('');
          } else if (answer.status === 200) {
            required('That is a client\'s token; the console needs the backend role.');
          } else {
            required('Refused: ' + (answer.body && answer.body.message ? answer.body.message
              : 'HTTP ' + answer.status));
          }
        }, function (failure) {
          required('The server could not be reached: ' + failure.message);
        });
      }
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        attempt(input.value.trim());
      });
      signOut.addEventListener('click', function () {
        sessionStorage.removeItem(CREDENTIAL_KEY);
        location.reload();
      });
      attempt(sessionStorage.getItem(CREDENTIAL_KEY));
    });
  }

  global.RoomcastConsole = {
    signIn: signIn,
    el: el,
    pill: pill,
    lockText: lockText,
    time: time,
    showConnection: showConnection,
    BufferedLoad: BufferedLoad,
  };
})(window);
