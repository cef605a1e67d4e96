// google.script.run for the playground: each call POSTs {fn, args} to the playground server,
// which runs that function of the real dist/Code.js in the local Sheets stand-in.
(() => {
  function notifyParent(fn) {
    try {
      if (window.parent && window.parent !== window) window.parent.postMessage({ type: 'tc-run-done', fn: fn }, window.location.origin);
    } catch (_e) {
      // The parent is gone (page closed): nothing to redraw.
    }
  }
  function makeError(name, message) {
    const err = new Error(message);
    err.name = name;
    return err;
  }
  function call(name, args, success, failure, userObject) {
    fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: name, args: args }) })
      .then((res) => res.json())
      .then(
        (out) => {
          notifyParent(name);
          if (out.ok) {
            if (success) success(out.value, userObject);
          } else if (failure) {
            failure(makeError(out.error?.name || 'Error', out.error?.message || 'Error'), userObject);
          }
        },
        (e) => {
          if (failure) failure(makeError('NetworkError', `NetworkError: Connection failure due to HTTP 0 (${e?.message})`), userObject);
        },
      );
  }
  function makeRunner(success, failure, userObject) {
    const base = {
      withSuccessHandler: (fn) => makeRunner(fn, failure, userObject),
      withFailureHandler: (fn) => makeRunner(success, fn, userObject),
      withUserObject: (obj) => makeRunner(success, failure, obj),
    };
    return new Proxy(base, {
      get: (target, name) => {
        if (name in target) return target[name];
        if (typeof name !== 'string' || name === 'then') return undefined;
        return (...args) => call(name, args, success, failure, userObject);
      },
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: makeRunner(null, null, undefined),
    host: {
      origin: window.location.origin,
      close: () => {
        fetch('/api/sidebar/close', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).then(() => notifyParent('close'));
      },
      setHeight: () => {},
      setWidth: () => {},
      editor: { focus: () => {} },
    },
  };
})();
