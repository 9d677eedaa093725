// The web chat page: a token from our own endpoint (never a Direct Line secret) and Microsoft's
// Web Chat widget talking Direct Line to this server. Two memories:
// - sessionStorage (this tab): the current token, so a reload continues the same conversation;
// - localStorage (this device, when the server offers it): a resume key, exchanged at the next
//   visit for a token of the same conversation, so what the union sent while the worker was away
//   is there when they come back. The server rotates the key at every visit; "Kết thúc & xoá trên
//   máy này" revokes it and clears both memories (shared computers).
// Texts come from the page (locales/<lang>/webchat.json), as JSON in main's data-text attribute.
'use strict';

(function () {
  var SESSION_KEY = 'union-assistant.webchat';
  var DEVICE_KEY = 'union-assistant.webchat.device';
  var root = document.getElementById('webchat');
  var deviceBar = document.getElementById('device');
  var text = readText();
  var tabStore = storage('sessionStorage');
  // Without a working localStorage there is nothing to remember with: behave as if it were off.
  var deviceStore = Number(root.getAttribute('data-resume-days')) > 0 ? storage('localStorage') : null;

  function readText() {
    try {
      return JSON.parse(root.getAttribute('data-text') || '{}');
    } catch (e) {
      return {};
    }
  }

  // Private modes may refuse storage (or throw on merely touching it): the chat still works.
  function storage(name) {
    try {
      var s = window[name];
      s.setItem('union-assistant.probe', '1');
      s.removeItem('union-assistant.probe');
      return s;
    } catch (e) {
      return null;
    }
  }

  function load(store, key) {
    try {
      return store ? JSON.parse(store.getItem(key) || 'null') : null;
    } catch (e) {
      return null;
    }
  }

  function save(store, key, value) {
    try {
      if (store) store.setItem(key, JSON.stringify(value));
    } catch (e) {
      // full or refused: a reload just starts over
    }
  }

  function drop(store, key) {
    try {
      if (store) store.removeItem(key);
    } catch (e) {
      // nothing kept, nothing to drop
    }
  }

  function showStatus(message, isError, action) {
    root.innerHTML = '';
    var p = document.createElement('p');
    p.className = isError ? 'status status--error' : 'status';
    p.setAttribute('role', 'status');
    p.textContent = message;
    root.appendChild(p);
    if (action) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'status__action';
      button.textContent = action.label;
      button.addEventListener('click', action.run);
      root.appendChild(button);
    }
  }

  function post(path, token, body) {
    var headers = {};
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body) headers['Content-Type'] = 'application/json';
    return fetch('/directline' + path, {
      method: 'POST',
      headers: headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
      // a forget must reach the server even when the tab is closed right after
      keepalive: path === '/tokens/forget',
    }).then(function (res) {
      if (!res.ok) {
        var err = new Error(path + ' ' + res.status);
        err.status = res.status;
        throw err;
      }
      return res.status === 204 ? null : res.json();
    });
  }

  function fresh() {
    return post('/tokens/generate').then(function (r) {
      return { token: r.token, conversationId: r.conversationId, joined: false };
    });
  }

  // The conversation this device kept, if the server still knows the key; else a new one, as on a
  // first visit (the greeting is all the worker sees of it).
  function resume() {
    var device = load(deviceStore, DEVICE_KEY);
    if (!device || !device.resumeKey) return fresh();
    return post('/tokens/resume', null, { resumeKey: device.resumeKey }).then(
      function (r) {
        save(deviceStore, DEVICE_KEY, { conversationId: r.conversationId, resumeKey: r.resumeKey });
        return { token: r.token, conversationId: r.conversationId, joined: true };
      },
      function (err) {
        if (!(err.status >= 400 && err.status < 500)) throw err;
        drop(deviceStore, DEVICE_KEY);
        return fresh();
      },
    );
  }

  // This tab's token is refreshed (it proves the conversation); an expired one falls back to the
  // device's key, then to a new chat.
  function session() {
    var saved = load(tabStore, SESSION_KEY);
    if (!saved || !saved.token) return resume();
    return post('/tokens/refresh', saved.token).then(function (r) {
      return { token: r.token, conversationId: r.conversationId, joined: !!saved.joined };
    }, resume);
  }

  // A key for this conversation, unless the device already holds one. Asked once the first activity
  // arrived: the server only keys a conversation that exists, which the first post creates.
  function rememberDevice(s) {
    if (!deviceStore || s.remembering || s.ended) return;
    var device = load(deviceStore, DEVICE_KEY);
    if (device && device.conversationId === s.conversationId) return;
    s.remembering = true;
    post('/tokens/remember', s.directLine.token || s.token).then(
      function (r) {
        if (!s.ended) save(deviceStore, DEVICE_KEY, { conversationId: s.conversationId, resumeKey: r.resumeKey });
      },
      function () {
        s.remembering = false; // too early (409) or offline: again at the next activity
      },
    );
  }

  function forget(s) {
    if (s.ended || !window.confirm(text.forgetConfirm)) return;
    s.ended = true;
    var device = load(deviceStore, DEVICE_KEY);
    var token = s.directLine.token || s.token;
    // Local copies first: if the server cannot be reached, nothing usable is left on this device.
    drop(tabStore, SESSION_KEY);
    drop(deviceStore, DEVICE_KEY);
    clearInterval(s.timer);
    post('/tokens/forget', token, device && device.resumeKey ? { resumeKey: device.resumeKey } : {}).catch(function () {});
    try {
      s.directLine.end();
    } catch (e) {
      // already closed
    }
    deviceBar.hidden = true;
    showStatus(text.forgotten, false, {
      label: text.startNew,
      run: function () {
        location.reload();
      },
    });
  }

  function start(s) {
    save(tabStore, SESSION_KEY, { token: s.token, conversationId: s.conversationId, joined: s.joined });
    var directLine = window.WebChat.createDirectLine({
      token: s.token,
      domain: location.origin + '/directline',
      webSocket: true,
    });
    s.directLine = directLine;
    var keep = function () {
      if (!s.ended) save(tabStore, SESSION_KEY, { token: s.token, conversationId: s.conversationId, joined: s.joined });
    };

    // The bot speaks first in a new conversation: one join event once the connection is up. A
    // resumed conversation replays its history from the start instead (Web Chat keeps none).
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !s.joined) {
            s.joined = true;
            keep();
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: text.locale || 'vi-VN' } } });
          }
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') rememberDevice(s);
          return next(action);
        };
      };
    });

    // directlinejs refreshes its token every 15 minutes; keep the newest for the next reload.
    var remember = function () {
      if (directLine.token && directLine.token !== s.token) {
        s.token = directLine.token;
        keep();
      }
    };
    s.timer = setInterval(remember, 60 * 1000);
    window.addEventListener('pagehide', remember);

    if (deviceStore) {
      deviceBar.hidden = false;
      document.getElementById('forget').addEventListener('click', function () {
        forget(s);
      });
    }

    // Web Chat gets a container of its own, so "forget" can take it away whole.
    root.innerHTML = '';
    var chat = document.createElement('div');
    chat.className = 'chat';
    root.appendChild(chat);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: text.locale || 'vi-VN',
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: text.placeholder },
        styleOptions: {
          accent: '#0b4ea2',
          hideUploadButton: false,
          botAvatarInitials: 'CĐ',
          botAvatarBackgroundColor: '#d7262e',
          bubbleBorderRadius: 12,
          bubbleFromUserBorderRadius: 12,
          bubbleFromUserBackground: '#0b4ea2',
          bubbleFromUserTextColor: '#ffffff',
          bubbleMaxWidth: 520,
          sendBoxTextWrap: true,
          suggestedActionLayout: 'flow',
          suggestedActionBorderRadius: 16,
        },
      },
      chat,
    );
    var input = root.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
  }

  if (!window.WebChat) {
    showStatus(text.loadFailed, true);
    return;
  }
  session()
    .then(start)
    .catch(function () {
      showStatus(text.connectFailed, true);
    });
})();
