/**
 * Whose devices: with one signed-in profile a line naming it, with several a
 * select to switch between them.
 */
import type { ProfileView, SignedInView } from '../../../src-main/ipc/contract';
import { h } from '../../ui/dom';
import { selectField } from '../../ui/field';

export function profileName(profiles: ProfileView[], id: string): string {
  return profiles.find((p) => p.id === id)?.displayName ?? id;
}

export function profilePicker(
  profiles: ProfileView[],
  sessions: SignedInView[],
  profileId: string,
  onChange: (profileId: string) => void,
): HTMLElement {
  if (sessions.length === 1) {
    return h(
      'p',
      { class: 'field-hint' },
      `${profileName(profiles, profileId)} · signed in as ${sessions[0]?.username ?? ''}`,
    );
  }
  const select = selectField({
    name: 'profile',
    label: 'Profile',
    options: sessions.map((s) => ({
      value: s.profileId,
      label: `${profileName(profiles, s.profileId)} — ${s.username}`,
    })),
    value: profileId,
  });
  select.control.addEventListener('change', () => onChange(select.control.value));
  return select.root;
}
