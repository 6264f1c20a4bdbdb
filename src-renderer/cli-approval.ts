/**
 * The question the app asks when a program runs `cognito-auth` for a token
 * or a code: allow once, always allow this program, or deny. Main sends
 * `cli:approvalRequested`; the answer goes back on `cli:answerApproval`.
 * Closing the dialog (Esc) denies. A question answered elsewhere or timed
 * out (`cli:approvalSettled`) is taken off the screen.
 */
import { call, on } from './api';
import type { EventPayload } from '../src-main/ipc/contract';
import { openDialog } from './ui/dialog';
import { h } from './ui/dom';
import { toast } from './ui/live';

type Question = EventPayload<'cli:approvalRequested'>;
type Decision = 'once' | 'always' | 'deny';

interface OpenQuestion {
  /** Closes the dialog without answering: main has settled the request already. */
  withdraw(): void;
}

export function installCliApprovals(): void {
  const open = new Map<string, OpenQuestion>();
  on('cli:approvalRequested', (question) => {
    open.set(
      question.requestId,
      ask(question, () => open.delete(question.requestId)),
    );
  });
  on('cli:approvalSettled', ({ requestId }) => open.get(requestId)?.withdraw());
}

function ask(question: Question, forget: () => void): OpenQuestion {
  let answered = false;
  const answer = (decision: Decision) => {
    if (answered) return;
    answered = true;
    forget();
    call('cli:answerApproval', { requestId: question.requestId, decision }).catch(() => {
      toast('That request had already timed out, so it was denied.', 'error');
    });
  };
  const button = (label: string, decision: Decision, className: string) => {
    const el = h('button', { type: 'button', class: className }, label);
    el.addEventListener('click', () => {
      answer(decision);
      dialog.close();
    });
    return el;
  };
  const deny = button('Deny', 'deny', 'button');
  const once = button('Allow once', 'once', 'button primary');
  const always = question.canAllowAlways
    ? button('Always allow this program', 'always', 'button')
    : null;
  const program = programName(question.program);
  const dialog = openDialog({
    title: `Allow ${program} to get ${question.action}?`,
    description: question.canAllowAlways
      ? 'A program on this computer ran cognito-auth. Allow it only if you just started it yourself.'
      : 'A program on this computer ran cognito-auth, but the app could not tell which one, so it can only be allowed once.',
    content: [
      h(
        'dl',
        { class: 'approval-details' },
        h('dt', {}, 'Program'),
        h('dd', {}, `${question.program} (process ${question.programPid})`),
        question.parent ? h('dt', {}, 'Started by') : null,
        question.parent ? h('dd', {}, question.parent) : null,
      ),
      h('div', { class: 'form-actions' }, deny, always, once),
    ],
    initialFocus: deny,
    // Esc: a request nobody allowed is denied.
    onClose: () => answer('deny'),
  });
  return {
    withdraw() {
      answered = true;
      forget();
      dialog.close();
    },
  };
}

function programName(path: string): string {
  return path === 'unknown' ? 'an unknown program' : (path.split(/[\\/]/).pop() ?? path);
}
