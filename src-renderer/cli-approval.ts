/**
 * The question the app asks when a program runs `cognito-auth` for a token
 * or a code, naming the program, its parent, its working directory and
 * terminal, and exactly what it asks for: allow once, allow this terminal
 * for a while, always allow this program, or deny. Main sends
 * `cli:approvalRequested`; the answer goes back on `cli:answerApproval`.
 * Closing the dialog (Esc) denies. A question answered elsewhere or timed
 * out (`cli:approvalSettled`) is taken off the screen.
 */
import { call, on } from './api';
import type { EventPayload, RequestOf } from '../src-main/ipc/contract';
import { openDialog } from './ui/dialog';
import { h } from './ui/dom';
import { selectField } from './ui/field';
import './cli.css';
import { toast } from './ui/live';

type Question = EventPayload<'cli:approvalRequested'>;
type Decision = RequestOf<'cli:answerApproval'>['decision'];

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

const SESSION_MINUTES = [5, 10, 15, 30, 60, 120, 240];

function ask(question: Question, forget: () => void): OpenQuestion {
  let answered = false;
  const answer = (decision: Decision, minutes?: number) => {
    if (answered) return;
    answered = true;
    forget();
    const request =
      minutes === undefined
        ? { requestId: question.requestId, decision }
        : { requestId: question.requestId, decision, minutes };
    call('cli:answerApproval', request).catch(() => {
      toast('That request had already timed out, so it was denied.', 'error');
    });
  };
  const button = (label: string, decision: Decision, className: string, minutes?: () => number) => {
    const el = h('button', { type: 'button', class: className }, label);
    el.addEventListener('click', () => {
      answer(decision, minutes?.());
      dialog.close();
    });
    return el;
  };
  const program = programName(question.program);
  const deny = button('Deny', 'deny', 'button');
  const once = button('Allow once', 'once', 'button primary');
  const always = question.canAllowAlways
    ? button(`Always allow ${program}`, 'always', 'button')
    : null;
  const minutes = selectField({
    name: 'sessionMinutes',
    label: 'For how long',
    options: SESSION_MINUTES.map((m) => ({ value: String(m), label: minutesText(m) })),
    value: String(question.sessionMinutes),
  });
  const session = question.canAllowSession
    ? button('Allow this terminal', 'session', 'button', () => Number(minutes.control.value))
    : null;
  const detail = (term: string, value: string | undefined) =>
    value ? [h('dt', {}, term), h('dd', { class: 'mono-cell' }, value)] : [];
  const dialog = openDialog({
    title: `Allow ${program} to get ${question.action}?`,
    description: question.canAllowAlways
      ? 'A program on this computer ran cognito-auth. Allow it only if you just started it yourself.'
      : 'A program on this computer ran cognito-auth, but the app could not tell which one, so it can only be allowed once.',
    content: [
      h(
        'dl',
        { class: 'approval-details' },
        h('dt', {}, 'Asks for'),
        h('dd', {}, question.action),
        ...detail('Program', `${question.program} (process ${question.programPid})`),
        ...detail('Started by', question.parent),
        ...detail('Working directory', question.cwd),
        ...detail('Terminal', question.terminal),
      ),
      session
        ? h(
            'div',
            { class: 'approval-session' },
            h(
              'p',
              { class: 'field-hint' },
              `“Allow this terminal” lets ${program} started by ${question.parent ? programName(question.parent) : 'the same program'} in ${question.terminal ?? 'this session'} ask again without this question until the time is up or the app locks.`,
            ),
            minutes.root,
          )
        : null,
      h('div', { class: 'form-actions approval-actions' }, deny, always, session, once),
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

function minutesText(m: number): string {
  if (m < 60) return `${m} minutes`;
  return m === 60 ? '1 hour' : `${m / 60} hours`;
}

function programName(path: string): string {
  return path === 'unknown' ? 'an unknown program' : (path.split(/[\\/]/).pop() ?? path);
}
