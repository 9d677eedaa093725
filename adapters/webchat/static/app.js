// The web chat page: a token from our own endpoint (never a Direct Line secret), kept in
// sessionStorage so a reload continues the same conversation, and Microsoft's Web Chat widget
// talking Direct Line to this server.
'use strict';

(function () {
  var STORAGE_KEY = 'union-assistant.webchat';
  var root = document.getElementById('webchat');

  function showStatus(text, isError) {
    root.innerHTML = '';
    var p = document.createElement('p');
    p.className = isError ? 'status status--error' : 'status';
    p.textContent = text;
    root.appendChild(p);
  }

  function load() {
    try {
      return JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    } catch (e) {
      return null;
    }
  }

  function save(session) {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    } catch (e) {
      // Private mode may refuse storage: the chat still works, a reload just starts over.
    }
  }

  function post(path, token) {
    return fetch('/directline' + path, {
      method: 'POST',
      headers: token ? { Authorization: 'Bearer ' + token } : {},
      credentials: 'omit',
    }).then(function (res) {
      if (!res.ok) throw new Error(path + ' ' + res.status);
      return res.json();
    });
  }

  // A saved token is refreshed (it proves the conversation); an expired one means a new chat.
  function session() {
    var saved = load();
    var fresh = function () {
      return post('/tokens/generate').then(function (r) {
        return { token: r.token, conversationId: r.conversationId, joined: false };
      });
    };
    if (!saved || !saved.token) return fresh();
    return post('/tokens/refresh', saved.token)
      .then(function (r) {
        return { token: r.token, conversationId: r.conversationId, joined: !!saved.joined };
      })
      .catch(fresh);
  }

  function start(s) {
    save(s);
    var directLine = window.WebChat.createDirectLine({
      token: s.token,
      domain: location.origin + '/directline',
      webSocket: true,
    });

    // The bot speaks first in a new conversation: one join event once the connection is up.
    var store = window.WebChat.createStore({}, function (api) {
      return function (next) {
        return function (action) {
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED' && !s.joined) {
            s.joined = true;
            save(s);
            api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { locale: 'vi-VN' } } });
          }
          return next(action);
        };
      };
    });

    // directlinejs refreshes its token every 15 minutes; keep the newest for the next reload.
    var remember = function () {
      if (directLine.token && directLine.token !== s.token) {
        s.token = directLine.token;
        save(s);
      }
    };
    setInterval(remember, 60 * 1000);
    window.addEventListener('pagehide', remember);

    root.innerHTML = '';
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: 'vi-VN',
        overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: 'Nhập tin nhắn…' },
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
      root,
    );
    var input = root.querySelector('[data-id="webchat-sendbox-input"]');
    if (input) input.focus();
  }

  if (!window.WebChat) {
    showStatus('Không tải được cửa sổ trò chuyện. Vui lòng tải lại trang.', true);
    return;
  }
  session()
    .then(start)
    .catch(function () {
      showStatus('Không kết nối được với Trợ lý Công đoàn. Vui lòng kiểm tra mạng và tải lại trang.', true);
    });
})();
