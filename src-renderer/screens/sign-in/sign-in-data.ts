/**
 * What the wizard knows of main: the profiles, who is signed in where, and the
 * last username per profile. Loaded together, then kept as steps change it.
 */
import type {
  AuthStepView,
  ProfilesView,
  ProfileView,
  SignedInView,
} from '../../../src-main/ipc/contract';
import { call } from '../../api';

export interface SignInData {
  profiles: ProfilesView;
  readonly sessions: SignedInView[];
  readonly lastUsernames: Readonly<Record<string, string>>;
  /** Reads it all again from main; resolves to the attempt in progress, if any. */
  load(): Promise<AuthStepView | undefined>;
  profileById(id: string): ProfileView | undefined;
  sessionOf(profileId: string): SignedInView | undefined;
  /** A new or refreshed session replaces the profile's old one. */
  putSession(session: SignedInView): void;
  dropSession(profileId: string): void;
}

export function signInData(): SignInData {
  let sessions: SignedInView[] = [];
  let lastUsernames: Record<string, string> = {};
  const data: SignInData = {
    profiles: { profiles: [], selectedId: '' },
    get sessions() {
      return sessions;
    },
    get lastUsernames() {
      return lastUsernames;
    },
    async load() {
      const [list, state] = await Promise.all([call('profiles:list', {}), call('auth:state', {})]);
      data.profiles = list;
      sessions = state.sessions;
      lastUsernames = state.lastUsernames ?? {};
      return state.attempt;
    },
    profileById: (id) => data.profiles.profiles.find((p) => p.id === id),
    sessionOf: (profileId) => sessions.find((s) => s.profileId === profileId),
    putSession(session) {
      sessions = [...sessions.filter((s) => s.profileId !== session.profileId), session];
    },
    dropSession(profileId) {
      sessions = sessions.filter((s) => s.profileId !== profileId);
    },
  };
  return data;
}
