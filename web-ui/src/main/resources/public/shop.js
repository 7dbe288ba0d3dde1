// Buy form: one click, one order. The idempotency key in the form already makes a double submit place a
// single order; disabling the button just spares the second request.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('buy-form');
  if (!form) { return; }
  form.addEventListener('submit', function () {
    var button = document.getElementById('buy-button');
    // after this event: disabling it synchronously would drop the button from the submitted form data
    setTimeout(function () { button.disabled = true; button.textContent = 'Placing your order…'; }, 0);
  });
});
