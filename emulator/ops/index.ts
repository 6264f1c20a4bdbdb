/** Every operation the emulator answers, and whether it needs SigV4. */
import type { Context } from '../context.js';
import type { Body } from '../validate.js';
import {
  adminCreateUser,
  adminDeleteSoftwareToken,
  adminDeleteUser,
  adminDisableUser,
  adminEnableUser,
  adminGetUser,
  adminResetUserPassword,
  adminSetUserPassword,
  adminUpdateUserAttributes,
  adminUserGlobalSignOut,
  listUsers,
} from './admin-users.js';
import { adminListUserAuthEvents } from './auth-events.js';
import { createUserPoolClient, describeUserPoolClient, listUserPoolClients } from './clients.js';
import {
  adminForgetDevice,
  adminGetDevice,
  adminListDevices,
  adminUpdateDeviceStatus,
  confirmDevice,
  forgetDevice,
  getDevice,
  updateDeviceStatus,
  userListDevices,
} from './devices.js';
import {
  adminAddUserToGroup,
  adminListGroupsForUser,
  adminRemoveUserFromGroup,
  createGroup,
  listGroups,
} from './groups.js';
import { getCredentialsForIdentity, getId } from './identity.js';
import { initiateAuth } from './initiate-auth.js';
import {
  adminSetUserMfaPreference,
  associateSoftwareToken,
  setUserMfaPreference,
  verifySoftwareToken,
} from './mfa.js';
import { changePassword, confirmForgotPassword, forgotPassword } from './passwords.js';
import {
  createUserPool,
  deleteUserPool,
  describeUserPool,
  getUserPoolMfaConfig,
  listUserPools,
  setUserPoolMfaConfig,
} from './pools.js';
import { respondToAuthChallenge } from './respond-to-auth-challenge.js';
import {
  getTokensFromRefreshToken,
  getUser,
  globalSignOut,
  revokeToken,
} from './session-tokens.js';
import {
  confirmSignUp,
  getUserAttributeVerificationCode,
  resendConfirmationCode,
  signUp,
  updateUserAttributes,
  verifyUserAttribute,
} from './self-service.js';
import {
  adminGetUserAuthFactors,
  adminListUserSessions,
  adminRevokeUserSession,
  getUserAuthFactors,
  listUserSessions,
  revokeUserSession,
} from './user-sessions.js';

export type Handler = (ctx: Context, body: Body) => object | Promise<object>;

export interface Operation {
  signed: boolean;
  handler: Handler;
}

const user = (handler: Handler): Operation => ({ signed: false, handler });
const admin = (handler: Handler): Operation => ({ signed: true, handler });

export const OPERATIONS: Record<string, Operation> = {
  InitiateAuth: user(initiateAuth),
  RespondToAuthChallenge: user(respondToAuthChallenge),
  AssociateSoftwareToken: user(associateSoftwareToken),
  VerifySoftwareToken: user(verifySoftwareToken),
  SetUserMFAPreference: user(setUserMfaPreference),
  GetUser: user(getUser),
  ConfirmDevice: user(confirmDevice),
  GetDevice: user(getDevice),
  ListDevices: user(userListDevices),
  ForgetDevice: user(forgetDevice),
  UpdateDeviceStatus: user(updateDeviceStatus),
  GlobalSignOut: user(globalSignOut),
  RevokeToken: user(revokeToken),
  GetTokensFromRefreshToken: user(getTokensFromRefreshToken),
  ChangePassword: user(changePassword),
  ForgotPassword: user(forgotPassword),
  ConfirmForgotPassword: user(confirmForgotPassword),

  CreateUserPool: admin(createUserPool),
  DescribeUserPool: admin(describeUserPool),
  ListUserPools: admin(listUserPools),
  DeleteUserPool: admin(deleteUserPool),
  CreateUserPoolClient: admin(createUserPoolClient),
  DescribeUserPoolClient: admin(describeUserPoolClient),
  SetUserPoolMfaConfig: admin(setUserPoolMfaConfig),
  GetUserPoolMfaConfig: admin(getUserPoolMfaConfig),
  AdminCreateUser: admin(adminCreateUser),
  AdminSetUserPassword: admin(adminSetUserPassword),
  AdminGetUser: admin(adminGetUser),
  ListUsers: admin(listUsers),
  AdminDeleteUser: admin(adminDeleteUser),
  AdminDisableUser: admin(adminDisableUser),
  AdminEnableUser: admin(adminEnableUser),
  AdminResetUserPassword: admin(adminResetUserPassword),
  AdminSetUserMFAPreference: admin(adminSetUserMfaPreference),
  AdminListDevices: admin(adminListDevices),
  AdminGetDevice: admin(adminGetDevice),
  AdminForgetDevice: admin(adminForgetDevice),
  AdminUpdateDeviceStatus: admin(adminUpdateDeviceStatus),
  AdminUserGlobalSignOut: admin(adminUserGlobalSignOut),

  // The admin console's operations.
  AdminDeleteSoftwareToken: admin(adminDeleteSoftwareToken),
  AdminUpdateUserAttributes: admin(adminUpdateUserAttributes),
  AdminListUserAuthEvents: admin(adminListUserAuthEvents),
  ListUserPoolClients: admin(listUserPoolClients),
  CreateGroup: admin(createGroup),
  ListGroups: admin(listGroups),
  AdminAddUserToGroup: admin(adminAddUserToGroup),
  AdminRemoveUserFromGroup: admin(adminRemoveUserFromGroup),
  AdminListGroupsForUser: admin(adminListGroupsForUser),
  ListUserSessions: user(listUserSessions),
  RevokeUserSession: user(revokeUserSession),
  GetUserAuthFactors: user(getUserAuthFactors),
  AdminListUserSessions: admin(adminListUserSessions),
  AdminRevokeUserSession: admin(adminRevokeUserSession),
  AdminGetUserAuthFactors: admin(adminGetUserAuthFactors),

  SignUp: user(signUp),
  ConfirmSignUp: user(confirmSignUp),
  ResendConfirmationCode: user(resendConfirmationCode),
  UpdateUserAttributes: user(updateUserAttributes),
  GetUserAttributeVerificationCode: user(getUserAttributeVerificationCode),
  VerifyUserAttribute: user(verifyUserAttribute),

  // Cognito Identity (X-Amz-Target AWSCognitoIdentityService.*): authorized by the Logins tokens.
  'CognitoIdentity.GetId': user(getId),
  'CognitoIdentity.GetCredentialsForIdentity': user(getCredentialsForIdentity),
};
