/** Every keyboard shortcut of the workbench, listed once: the help overlay shows this list, the shell binds it. */
export interface Shortcut {
  keys: string;
  action: string;
  where: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '?', action: 'Show or hide this help', where: 'Everywhere' },
  { keys: 'Alt+1 … Alt+4', action: 'Exceptions, Allocation, Inventory, Decisions', where: 'Everywhere' },
  { keys: 'Ctrl+F', action: 'Focus the quick filter', where: 'Grids' },
  { keys: 'Arrows, Page Up/Down, Home/End', action: 'Move between cells', where: 'Grids' },
  { keys: 'Enter', action: 'Edit the cell, or open the row when it is read-only', where: 'Grids' },
  { keys: 'Escape', action: 'Cancel the edit', where: 'Grids' },
  { keys: 'Space', action: 'Select or unselect the row', where: 'Decisions' },
  { keys: 'Shift+click', action: 'Select a range of rows', where: 'Decisions' },
  { keys: 'Ctrl+V', action: 'Paste a column copied from Excel from the focused cell down', where: 'Editable grids' },
  { keys: 'Ctrl+Shift+A', action: 'Approve the selected decisions', where: 'Decisions' },
  { keys: 'Ctrl+Shift+R', action: 'Reject the selected decisions (asks for a reason)', where: 'Decisions' },
  { keys: 'Ctrl+Z / Ctrl+Y', action: 'Undo / redo an allocation edit', where: 'Allocation' },
];
