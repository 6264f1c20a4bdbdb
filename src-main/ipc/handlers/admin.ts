/** Handlers of the admin console's channels: thin calls into core/admin. */
import type { DeskEnrollment } from '../../core/admin/desk';
import type { AdminService } from '../../core/admin/service';
import type { HandlerGroup } from '../router';

export interface AdminHandlerServices {
  admin: AdminService;
  desk: DeskEnrollment;
}

const done = { ok: true } as const;

export function adminHandlers({ admin, desk }: AdminHandlerServices): HandlerGroup<'admin'> {
  return {
    'admin:config': ({ profileId }) => admin.config(profileId),
    'admin:configure': ({ profileId, ...change }) => admin.configure(profileId, change),
    'admin:identity': ({ profileId }) => admin.identity(profileId),
    'admin:listUsers': ({ profileId, ...search }) => admin.listUsers(profileId, search),
    'admin:user': ({ profileId, username }) => admin.user(profileId, username),
    'admin:overview': ({ profileId }) => admin.overview(profileId),
    'admin:sessions': ({ profileId, username }) => admin.sessions(profileId, username),
    'admin:revokeSession': async ({ profileId, username, sessionId }) => {
      await admin.revokeSession(profileId, username, sessionId);
      return done;
    },
    'admin:createUser': ({ profileId, ...input }) => admin.createUser(profileId, input),
    'admin:resendInvitation': async ({ profileId, username, delivery }) => {
      await admin.resendInvitation(profileId, username, delivery);
      return done;
    },
    'admin:resetPassword': async ({ profileId, username }) => {
      await admin.resetPassword(profileId, username);
      return done;
    },
    'admin:setTemporaryPassword': async ({ profileId, username, password }) => {
      await admin.setTemporaryPassword(profileId, username, password);
      return done;
    },
    'admin:removeAuthenticator': async ({ profileId, username }) => {
      await admin.removeAuthenticator(profileId, username);
      return done;
    },
    'admin:setMfa': async ({ profileId, username, ...change }) => {
      await admin.setMfaPreference(profileId, username, change);
      return done;
    },
    'admin:forgetDevice': async ({ profileId, username, deviceKey }) => {
      await admin.forgetDevice(profileId, username, deviceKey);
      return done;
    },
    'admin:forgetAllDevices': async ({ profileId, username, confirmUsername }) => ({
      forgotten: await admin.forgetAllDevices(profileId, username, confirmUsername),
    }),
    'admin:setDeviceRemembered': async ({ profileId, username, deviceKey, remembered }) => {
      await admin.setDeviceRemembered(profileId, username, deviceKey, remembered);
      return done;
    },
    'admin:signOutEverywhere': async ({ profileId, username, confirmUsername }) => {
      await admin.signOutEverywhere(profileId, username, confirmUsername);
      return done;
    },
    'admin:setEnabled': async ({ profileId, username, enabled }) => {
      await admin.setEnabled(profileId, username, enabled);
      return done;
    },
    'admin:deleteUser': async ({ profileId, username, confirmUsername }) => {
      await admin.deleteUser(profileId, username, confirmUsername);
      return done;
    },
    'admin:setGroup': async ({ profileId, username, group, member }) => {
      await admin.setGroup(profileId, username, group, member);
      return done;
    },
    'admin:updateAttributes': async ({ profileId, username, attributes }) => {
      await admin.updateAttributes(profileId, username, attributes);
      return done;
    },
    'admin:audit': async () => ({ entries: await admin.auditLog() }),
    'admin:auditCsv': async () => ({ csv: await admin.auditCsv() }),
    'admin:deskStart': ({ profileId, username, password }) =>
      desk.start(profileId, username, password),
    'admin:deskRespond': ({ deskId, answer }) => desk.respond(deskId, answer),
    'admin:deskRestart': ({ deskId }) => desk.restart(deskId),
    'admin:deskCancel': async ({ deskId }) => {
      await desk.cancel(deskId);
      return done;
    },
  };
}
