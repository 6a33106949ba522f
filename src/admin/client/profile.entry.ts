// The profile screen: name and bio, password change and two-factor set-up, through the
// members' own endpoints (/api/v1/auth/…).
import { api, clearErrors, formValues, msg, showErrors, toast } from './api.js';

function onSubmit(id: string, run: (form: HTMLFormElement) => Promise<void>): void {
  const form = document.getElementById(id) as HTMLFormElement | null;
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (button) button.disabled = true;
    try {
      clearErrors(form);
      await run(form);
    } catch (err) {
      showErrors(form, err);
    } finally {
      if (button) button.disabled = false;
    }
  });
}

onSubmit('profile-form', async (form) => {
  const v = formValues(form);
  await api('/api/v1/auth/me', { method: 'PATCH', body: { name: v.name, bio: v.bio } });
  toast(msg('profile.saved'));
});

onSubmit('password-form', async (form) => {
  const v = formValues(form);
  await api('/api/v1/auth/password', { method: 'POST', body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
  form.reset();
  toast(msg('profile.passwordChanged'));
});

// Enrolment itself is a plain form post (POST /admin/profile/2fa): the server answers with the
// QR code drawn as SVG and the secret for typing, so it needs no script. The address bar goes
// back to the profile, so that reloading never posts the form again.
if (location.pathname === '/admin/profile/2fa') history.replaceState(null, '', '/admin/profile');

onSubmit('twofa-confirm', async (form) => {
  await api('/api/v1/auth/2fa/confirm', { method: 'POST', body: { code: formValues(form).code } });
  toast(msg('profile.enabled'));
  location.assign('/admin/profile');
});

onSubmit('twofa-disable', async (form) => {
  const v = formValues(form);
  await api('/api/v1/auth/2fa/disable', { method: 'POST', body: { password: v.password, code: v.code } });
  toast(msg('profile.disabled'));
  location.assign('/admin/profile');
});
