// Live pages: subscribe to the page's Server-Sent Events stream and swap in the markup the server rendered.
// Works for the sales dashboard (#dashboard-figures) and the order page (#order-progress).
(function () {
  function connect(url, eventName, target, onUpdate) {
    var dot = document.getElementById('live-dot');
    var text = document.getElementById('live-text');
    var source = new EventSource(url);
    function status(on, label) {
      if (dot) { dot.classList.toggle('on', on); }
      if (text) { text.textContent = label; }
    }
    source.addEventListener('open', function () { status(true, 'live'); });
    source.addEventListener('error', function () { status(false, 'reconnecting…'); });  // EventSource retries itself
    source.addEventListener(eventName, function (event) {
      var update = JSON.parse(event.data);
      target.innerHTML = update.html;
      if (update.position !== undefined) { target.setAttribute('data-position', update.position); }
      if (onUpdate) { onUpdate(update, source); }
      status(true, 'live');
    });
    return source;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var figures = document.getElementById('dashboard-figures');
    if (figures) { connect('/sales/events', 'figures', figures); }

    var progress = document.getElementById('order-progress');
    if (progress) {
      connect(progress.getAttribute('data-stream'), 'progress', progress, function (update, source) {
        if (update.finished) { source.close(); }
        var cancel = document.getElementById('cancel-form');
        if (cancel && !update.cancellable) { cancel.hidden = true; }
        // payment (ADR 13): the pay button follows the process, the keys appear once issued
        var pay = document.getElementById('pay-form');
        if (pay) {
          pay.hidden = !update.payable;
          var button = document.getElementById('pay-button');
          if (button && update.payLabel) { button.textContent = update.payLabel; }
        }
        var keys = document.getElementById('licence-keys-slot');
        if (keys && update.keysHtml && keys.innerHTML !== update.keysHtml) { keys.innerHTML = update.keysHtml; }
      });
    }

    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); }
      });
    });
  });
})();
