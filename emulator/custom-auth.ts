/**
 * The CUSTOM_AUTH hook, shaped like Cognito's three Lambda triggers
 * (DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse) so
 * tests can script any custom challenge in-process.
 */
export interface CustomAuthRound {
  challengeName: 'CUSTOM_CHALLENGE';
  challengeResult: boolean;
}

export interface CustomAuthInput {
  poolId: string;
  username: string;
  /** False for a username that does not exist; the hook may still issue a challenge. */
  userExists: boolean;
  rounds: CustomAuthRound[];
}

export interface CustomAuthHook {
  define(input: CustomAuthInput): { issueTokens: boolean; failAuthentication: boolean };
  create(input: CustomAuthInput): {
    publicChallengeParameters: Record<string, string>;
    privateChallengeParameters: Record<string, string>;
  };
  verify(
    input: CustomAuthInput & { privateChallengeParameters: Record<string, string>; answer: string },
  ): boolean;
}
