// Loaded on every admin page: small behaviours shared by all screens.
import { toast } from './api.js';

// Buttons and links with data-confirm ask first (keyboard users get the same native dialog).
document.addEventListener('click', (ev) => {
  const el = (ev.target as HTMLElement).closest<HTMLElement>('[data-confirm]');
  if (el && !window.confirm(el.dataset.confirm ?? '')) {
    ev.preventDefault();
    ev.stopImmediatePropagation();
  }
});

// A flash message passed in the URL (?flash=…) after a redirect, then removed from the address bar.
const url = new URL(location.href);
const flash = url.searchParams.get('flash');
if (flash) {
  toast(flash);
  url.searchParams.delete('flash');
  history.replaceState(history.state, '', url);
}
