/**
 * @module displays
 * Public door of `displays/` (STYLE.md §2): building the browser pages with Vite, serving them from
 * the center (a static handler, and a route registrar for the center's `extraRoutes`), and the
 * catalogue the pages read. The pages themselves live in `displays/web/` (browser code, its own
 * tsconfig with the DOM library).
 */
export {
  buildDisplays,
  ensureDisplaysBuilt,
  displaysSourceStamp,
  DISPLAYS_DIST_DIR,
  DISPLAYS_WEB_DIR,
  DISPLAY_PAGES,
} from './build/build-displays.ts';
export type { BuildDisplaysOptions, BuildResult } from './build/build-displays.ts';
export { displaysStaticHandler } from './serve/static-handler.ts';
export type { StaticResponse } from './serve/static-handler.ts';
export { displaysRoutes } from './serve/display-routes.ts';
export { displayCatalogue } from './serve/catalogue.ts';
export type {
  Catalogue,
  CatalogueCorridor,
  CatalogueDirection,
  CatalogueIntersection,
  CataloguePhase,
  CatalogueRoute,
} from './serve/catalogue.ts';
