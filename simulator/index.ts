/**
 * @module simulator
 * Public door of `simulator/` (STYLE.md §2). Other parts import only this file.
 */
export {};
