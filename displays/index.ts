/**
 * @module displays
 * Public door of `displays/` (STYLE.md §2). Other parts import only this file.
 */
export {};
