/**
 * @module core/ids
 * Unique message ids and the entity id pattern.
 */
export { newId, seededIdFactory, ENTITY_ID_PATTERN } from './ids.ts';
