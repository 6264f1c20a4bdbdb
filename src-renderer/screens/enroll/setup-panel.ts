/**
 * The one time the renderer sees a secret: the new authenticator's QR code,
 * its setup key grouped in fours with a copy button, and the otpauth:// link.
 *
 * "Copy key" asks main to copy it, naming the setup rather than sending the
 * key back, so the copy follows the clipboard policy: hidden from clipboard
 * history and cleared after the delay if still there.
 *
 * The QR code's SVG comes from main as text. It is shown through an <img>
 * with a data: URL (allowed by the page's img-src), never parsed into the
 * document, so nothing in it can run or style the page.
 */
import type { RequestOf, TotpSetupView } from '../../../src-main/ipc/contract';
import { ApiError, call } from '../../api';
import { h, uid } from '../../ui/dom';
import { toast } from '../../ui/live';

function svgDataUrl(svgText: string): string {
  const bytes = new TextEncoder().encode(svgText);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** Which setup the key belongs to: a sign-in attempt or a signed-in enrollment. */
export type SetupRef = RequestOf<'enroll:copySetupKey'>;

async function copySetupKey(ref: SetupRef): Promise<void> {
  try {
    const receipt = await call('enroll:copySetupKey', ref);
    toast(
      receipt.clearsInSeconds > 0
        ? `Copied — clears in ${receipt.clearsInSeconds} s. Paste it into your authenticator app.`
        : 'Copied. Paste it into your authenticator app.',
    );
  } catch (e) {
    const reason = e instanceof ApiError ? ` ${e.info.message}` : '';
    toast(`Could not copy the setup key.${reason} Select it and copy it by hand.`, 'error');
  }
}

export interface SetupPanel {
  readonly element: HTMLElement;
  /** Words for where the key goes: a phone scans it, or this computer keeps it. */
  showFor(authenticator: 'phone' | 'this-computer'): void;
}

/** Without `ref` there is no Copy button (a colleague's key stays off this computer's clipboard). */
export function setupPanel(setup: TotpSetupView, ref?: SetupRef): SetupPanel {
  const keyId = uid('setup-key');
  const uriId = uid('setup-uri');
  const copyKey = h(
    'button',
    { type: 'button', class: 'button small', 'aria-describedby': keyId },
    'Copy key',
  );
  if (ref) copyKey.addEventListener('click', () => void copySetupKey(ref));
  const uri = h('input', {
    type: 'text',
    id: uriId,
    class: 'input mono setup-uri',
    readonly: true,
    spellcheck: 'false',
  });
  uri.value = setup.otpauthUri;
  uri.addEventListener('focus', () => uri.select());

  const instruction = h('p', {});
  const keyLabel = h('p', { class: 'field-label' });
  const showFor = (authenticator: 'phone' | 'this-computer'): void => {
    keyLabel.textContent =
      authenticator === 'phone'
        ? 'Can’t scan? Type this setup key instead:'
        : 'The setup key, should you want it on another authenticator too:';
    instruction.replaceChildren(
      ...(authenticator === 'phone'
        ? [
            h('strong', {}, 'Scan this QR code'),
            ' with the authenticator app on your phone (Google Authenticator, Microsoft Authenticator, 1Password, …).',
          ]
        : [
            h('strong', {}, 'Nothing to scan.'),
            ' This computer keeps the key below in the app’s vault and makes the codes itself.',
          ]),
    );
  };
  showFor('phone');

  const element = h(
    'section',
    { class: 'setup-panel', 'aria-label': 'Authenticator setup' },
    h('img', {
      class: 'setup-qr',
      src: svgDataUrl(setup.qrSvg),
      alt: `QR code to add ${setup.issuer}: ${setup.account} to an authenticator app`,
      width: 200,
      height: 200,
    }),
    h(
      'div',
      { class: 'setup-instructions' },
      instruction,
      h('p', { class: 'setup-account' }, `It adds “${setup.issuer}: ${setup.account}”.`),
      keyLabel,
      h(
        'div',
        { class: 'setup-key-row' },
        h('code', { class: 'setup-key', id: keyId }, setup.secretGrouped),
        ref ? copyKey : null,
      ),
      h(
        'details',
        { class: 'setup-link' },
        h('summary', {}, 'Setup link (otpauth://)'),
        h('label', { for: uriId, class: 'field-hint' }, 'For apps that accept a pasted link'),
        uri,
      ),
    ),
  );
  return { element, showFor };
}
