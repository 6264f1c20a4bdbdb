import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('authenticator', {});
