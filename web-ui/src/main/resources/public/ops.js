// Ops console: while a rebuild runs, poll its progress and move the bar; stop when it is done.
(function () {
  var grace = 0;   // just after "Rebuild started" the projector may not report it running yet
  function poll() {
    fetch('/ops/rebuild/progress', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (progress) {
        var bar = document.getElementById('rebuild-progress');
        bar.value = progress.percent;
        bar.textContent = progress.percent + ' %';
        document.getElementById('rebuild-state').textContent = progress.state;
        var detail = progress.total ? progress.done + ' / ' + progress.total + ' events' : '';
        if (progress.rate) { detail += ', ' + progress.rate; }
        if (progress.eta) { detail += ', ETA ' + progress.eta; }
        document.getElementById('rebuild-detail').textContent = detail;
        document.getElementById('rebuild-panel').setAttribute('data-running', progress.running);
        if (progress.running || grace-- > 0) { setTimeout(poll, 500); }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var panel = document.getElementById('rebuild-panel');
    var justStarted = document.querySelector('[data-code="rebuild-started"]') !== null;
    if (justStarted) { grace = 10; }
    if (panel && (justStarted || panel.getAttribute('data-running') === 'true')) { poll(); }
  });
})();
