import { KeytarKeychain } from '../../node/keychain';

export const probe = KeytarKeychain;
