/**
 * @module edge
 * Public door of `edge/` (STYLE.md §2). Other parts import only this file.
 */
export {};
