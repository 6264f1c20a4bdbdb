/** Profiles with their sign-in state, as the CLI's profile list and the tray show them. */

export interface ProfileSummary {
  id: string;
  name: string;
  signedIn: boolean;
  username?: string;
  /** ms since epoch, when signed in. */
  expiresAt?: number;
  /** The profile can give AWS credentials (it names an identity pool). */
  hasIdentityPool?: boolean;
}

/** What listing profiles with their sign-in state needs from the engine. */
export interface ProfileSessions {
  profiles: {
    list(): Promise<{ profiles: { id: string; displayName: string; identityPool?: object }[] }>;
  };
  tokens: {
    summary(
      profileId: string,
    ): Promise<{ username: string; idTokenExpiresAt: number; accessTokenExpiresAt: number } | null>;
  };
}

/**
 * Every profile with its sign-in state, for `cognito-auth profiles` and the
 * tray. With `unreadableAsSignedOut` a profile whose tokens cannot be read
 * shows as signed out instead of failing the whole list.
 */
export async function summarizeProfiles(
  cognito: ProfileSessions,
  options: { unreadableAsSignedOut?: boolean } = {},
): Promise<ProfileSummary[]> {
  const { profiles } = await cognito.profiles.list();
  return Promise.all(
    profiles.map(async (p): Promise<ProfileSummary> => {
      const summary = cognito.tokens.summary(p.id);
      const session = await (options.unreadableAsSignedOut ? summary.catch(() => null) : summary);
      const pool = p.identityPool ? { hasIdentityPool: true } : {};
      if (!session) return { id: p.id, name: p.displayName, signedIn: false, ...pool };
      return {
        id: p.id,
        name: p.displayName,
        signedIn: true,
        username: session.username,
        expiresAt: Math.min(session.idTokenExpiresAt, session.accessTokenExpiresAt),
        ...pool,
      };
    }),
  );
}
