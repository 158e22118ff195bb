/**
 * @module bench
 * Public door of `bench/` (STYLE.md §2). Other parts import only this file.
 */
export {};
