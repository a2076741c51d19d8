import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { MenuCommand } from '../shared/menu.js';
import { buildMenuTemplate, type MenuActions } from './app-menu.js';

function setup(platform: NodeJS.Platform, folder: string | null = '/chosen') {
  const sent: MenuCommand[] = [];
  const allowed: string[] = [];
  const actions: MenuActions = {
    platform,
    recent: ['/data/db1', '/data/db2'],
    send: (c) => void sent.push(c),
    chooseFolder: async () => folder,
    allow: (p) => void allowed.push(p),
    openProjectPage: () => undefined,
    openIssues: () => undefined,
    about: () => undefined,
  };
  return { template: buildMenuTemplate(actions), sent, allowed };
}

const sub = (item: MenuItemConstructorOptions) => item.submenu as MenuItemConstructorOptions[];
const find = (items: MenuItemConstructorOptions[], label: string) => {
  const item = items.find((i) => i.label === label);
  if (!item) throw new Error(`no menu item ${label}`);
  return item;
};
const click = (item: MenuItemConstructorOptions) => (item.click as unknown as () => void)();
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('application menu', () => {
  it('has File, Edit, View, Help (and the app menu on macOS)', () => {
    expect(setup('linux').template.map((m) => m.label ?? m.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      'help',
    ]);
    expect(setup('darwin').template.map((m) => m.label ?? m.role)).toEqual([
      'ROI Studio',
      '&File',
      '&Edit',
      '&View',
      'help',
    ]);
  });

  it('sends each document command to the renderer', () => {
    const s = setup('win32');
    const [file, edit, view] = s.template;
    for (const [menu, label] of [
      [file, 'Save'],
      [file, 'Add Transform…'],
      [file, 'Import FreeSurfer Subject…'],
      [edit, 'Undo'],
      [edit, 'Redo'],
      [view, 'Zoom In'],
      [view, 'Zoom Out'],
      [view, 'Fit to Window'],
      [view, 'Rotate Left'],
      [view, 'Rotate Right'],
    ] as const)
      click(find(sub(menu), label));
    expect(s.sent.map((c) => c.command)).toEqual([
      'save',
      'add-transform',
      'import-freesurfer',
      'undo',
      'redo',
      'zoom-in',
      'zoom-out',
      'zoom-fit',
      'rotate-left',
      'rotate-right',
    ]);
  });

  it('opens a chosen or recent database, allowing the recent path first', async () => {
    const s = setup('linux');
    const file = sub(s.template[0]);
    click(find(file, 'Open Database…'));
    await settle();
    click(sub(find(file, 'Open Recent'))[1]);
    expect(s.sent).toEqual([
      { command: 'open-database', path: '/chosen' },
      { command: 'open-database', path: '/data/db2' },
    ]);
    expect(s.allowed).toEqual(['/data/db2']);
  });

  it('does nothing when the folder dialog is cancelled', async () => {
    const s = setup('linux', null);
    const file = sub(s.template[0]);
    click(find(file, 'Open Database…'));
    click(find(file, 'Export…'));
    await settle();
    expect(s.sent).toEqual([]);
  });
});
