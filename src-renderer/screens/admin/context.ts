import type { ProfileView } from '../../../src-main/ipc/contract';

/** What every admin view gets: the profile it works on and the ways to move on. */
export interface AdminContext {
  profile: ProfileView;
  openUser(username: string): void;
  openUsers(): void;
  openDesk(username: string): void;
}

export interface AdminView {
  element: HTMLElement;
  focus?: HTMLElement;
  dispose?: () => void;
}
