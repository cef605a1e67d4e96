// google.script.run for the playground: each call POSTs {fn, args} to the playground server,
// which runs that function of the real dist/Code.js in the local Sheets stand-in.
(function () {
  'use strict';
  function toJson(v) {
    return JSON.stringify(v === undefined ? null : v);
  }
  function makeRunner(success, failure, userObject) {
    var target = {
      withSuccessHandler: function (fn) {
        return makeRunner(fn, failure, userObject);
      },
      withFailureHandler: function (fn) {
        return makeRunner(success, fn, userObject);
      },
      withUserObject: function (obj) {
        return makeRunner(success, failure, obj);
      },
    };
    return new Proxy(target, {
      get: function (t, name) {
        if (name in t) return t[name];
        if (typeof name !== 'string' || name === 'then') return undefined;
        return function () {
          var args = Array.prototype.slice.call(arguments);
          fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: toJson({ fn: name, args: args }) })
            .then(function (res) {
              return res.json();
            })
            .then(
              function (out) {
                try {
                  if (window.parent && window.parent !== window) window.parent.postMessage({ type: 'tc-run-done', fn: name }, window.location.origin);
                } catch (e) {}
                if (out.ok) {
                  if (success) success(out.value, userObject);
                } else if (failure) {
                  var err = new Error(out.error && out.error.message ? out.error.message : 'Error');
                  err.name = (out.error && out.error.name) || 'Error';
                  failure(err, userObject);
                }
              },
              function (e) {
                if (failure) {
                  var err = new Error('NetworkError: Connection failure due to HTTP 0 (' + (e && e.message) + ')');
                  err.name = 'NetworkError';
                  failure(err, userObject);
                }
              },
            );
        };
      },
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: makeRunner(null, null, undefined),
    host: {
      origin: window.location.origin,
      close: function () {
        fetch('/api/sidebar/close', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(function () {
          if (window.parent !== window) window.parent.postMessage({ type: 'tc-run-done', fn: 'close' }, window.location.origin);
        });
      },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () {} },
    },
  };
})();
