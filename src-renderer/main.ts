import './styles.css';
import { hasBridge, on } from './api';
import { installCliApprovals } from './cli-approval';
import { screens } from './screens';
import { installLockScreen } from './lock-screen';
import { startShell } from './shell';
import type { Shell } from './shell';
import { h } from './ui/dom';
import { installLiveRegions } from './ui/live';

const root = document.getElementById('app');
if (!root) throw new Error('index.html lacks #app');
installLiveRegions(document.body);

if (hasBridge()) {
  let shell: Shell | undefined;
  installLockScreen(root, {
    start: () => {
      shell = startShell(root, screens);
    },
    stop: () => {
      shell?.stop();
      shell = undefined;
    },
  });
  // The tray's "Sign in…": main has selected the profile; the sign-in screen starts on it.
  on('ui:show', ({ screen }) => shell?.open(screen));
  installCliApprovals();
} else {
  root.append(
    h(
      'main',
      { class: 'app-main' },
      h('h1', { class: 'screen-title' }, 'This page needs the app'),
      h(
        'p',
        {},
        'Open it from the Authenticator app, or run “npm run dev:browser” and use the address it prints.',
      ),
    ),
  );
}
