/**
 * @module core/gtfs/model
 * The shape the importer builds: the transit section before defaults are applied.
 */
import type { z } from 'zod';
import type { transitSchema } from '../transit/index.ts';

/** The transit section as written in a scenario file (defaults not yet applied). */
export type TransitInput = z.input<typeof transitSchema>;
