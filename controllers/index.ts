/**
 * @module controllers
 * Public door of `controllers/` (STYLE.md §2). Other parts import only this file.
 */
export {};
