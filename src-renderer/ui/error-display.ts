/**
 * A failed call shown outside a field: a box inside the section it concerns,
 * or a titled panel in place of content that could not load. Both carry main's
 * message and the details line support asks for.
 */
import { ApiError } from '../api';
import type { ErrorInfo } from '../../src-main/ipc/contract';
import { h } from './dom';
import { errorDetails } from './field';

/** Main's ErrorInfo, or a generic one for a failure outside main's error contract. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof ApiError) return e.info;
  return {
    code: 'UNEXPECTED',
    message: 'Something unexpected went wrong. Try again; if it keeps happening, restart the app.',
    retryable: true,
    detail: e instanceof Error ? e.message : String(e),
  };
}

/** The message and its details line, as the content of an alert. */
export function errorLines(info: ErrorInfo): HTMLElement[] {
  return [
    h('p', { class: 'form-error-message' }, info.message),
    h('p', { class: 'error-details' }, errorDetails(info)),
  ];
}

/** An alert for an action that failed within a section (a save, a switch). */
export function errorBox(e: unknown): HTMLElement {
  return h('div', { class: 'form-error', role: 'alert' }, ...errorLines(errorInfo(e)));
}

/** An alert titled with what failed; with `retry`, a "Try again" button runs it. */
export function errorPanel(title: string, e: unknown, retry?: () => void): HTMLElement {
  const info = errorInfo(e);
  return h(
    'div',
    { class: 'panel error', role: 'alert' },
    h('h2', {}, title),
    h('p', {}, info.message),
    h('p', { class: 'error-details' }, errorDetails(info)),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Try again') : null,
  );
}
