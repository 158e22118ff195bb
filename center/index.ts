/**
 * @module center
 * Public door of `center/` (STYLE.md §2). Other parts import only this file.
 */
export {};
