/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or ↓ opens it with focus
 * on the first item; ↑/↓/Home/End move; Esc closes and returns focus to the
 * button; choosing an item closes the menu before running the action, so a
 * dialog the action opens returns focus to the button afterwards.
 */
import { h, uid } from './dom';

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
}

export interface MenuButtonOptions {
  /** Visible button content. */
  label: string;
  /** Accessible name when the visible label is not enough (e.g. "Actions for GitHub: alice"). */
  accessibleLabel?: string;
  buttonClass?: string;
  /** Built each time the menu opens, so items can reflect the current state. */
  items: () => MenuItem[];
  align?: 'start' | 'end';
}

export interface MenuButton {
  readonly element: HTMLElement;
  readonly button: HTMLButtonElement;
}

export function menuButton(o: MenuButtonOptions): MenuButton {
  const menuId = uid('menu');
  const button = h(
    'button',
    {
      type: 'button',
      class: o.buttonClass ?? 'button',
      'aria-haspopup': 'menu',
      'aria-expanded': 'false',
      'aria-controls': menuId,
      'aria-label': o.accessibleLabel,
    },
    o.label,
  );
  const menu = h('div', {
    class: `menu align-${o.align ?? 'start'}`,
    role: 'menu',
    id: menuId,
    hidden: true,
  });
  const root = h('div', { class: 'menu-anchor' }, button, menu);

  const entries = (): HTMLButtonElement[] =>
    [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].filter((b) => !b.disabled);

  const onOutside = (event: PointerEvent): void => {
    if (!root.contains(event.target as Node)) close(false);
  };

  function close(returnFocus: boolean): void {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', onOutside, true);
    if (returnFocus) button.focus();
  }

  function open(focus: 'first' | 'last'): void {
    menu.replaceChildren(
      ...o.items().map((item) => {
        const entry = h(
          'button',
          {
            type: 'button',
            role: 'menuitem',
            tabindex: -1,
            class: item.danger ? 'menu-item danger' : 'menu-item',
            disabled: item.disabled,
          },
          item.label,
        );
        entry.addEventListener('click', () => {
          close(true);
          item.onSelect();
        });
        return entry;
      }),
    );
    menu.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', onOutside, true);
    const list = entries();
    (focus === 'first' ? list[0] : list[list.length - 1])?.focus();
  }

  button.addEventListener('click', () => (menu.hidden ? open('first') : close(true)));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      open(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  });
  menu.addEventListener('keydown', (event) => {
    const list = entries();
    const index = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number): void => list[(to + list.length) % list.length]?.focus();
    // The menu owns these keys: nothing around it (e.g. the vault list) should see them.
    event.stopPropagation();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(index + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(index - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(list.length - 1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
    }
  });
  return { element: root, button };
}
