/**
 * @module firmware-bridge
 * Public door of `firmware-bridge/` (STYLE.md §2). Other parts import only this file.
 */
export {};
