/**
 * Search highlighting (the fetch phase's `highlight`): the request section's parser and the per-hit
 * highlighter the data node runs (see highlight-phase.ts for the flow).
 */
export {
  fieldOptions,
  parseHighlight,
  type FieldOptions,
  type HighlightBuilder,
} from './highlight-builder.ts'
export { highlightHit, type HighlightContext, type HitHighlight } from './highlight-phase.ts'
