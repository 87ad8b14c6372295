/**
 * Where pipelines live: ES keeps them in the cluster state (IngestMetadata), which the node owns; the ingest
 * code sees them through this interface. A PipelineConfiguration keeps the pipeline's JSON body exactly as
 * it was PUT (ES stores the bytes and parses them again on use); `GET _ingest/pipeline` prints it re-read.
 */

export interface PipelineConfiguration {
  readonly id: string
  /** The request body of `PUT _ingest/pipeline/<id>`, verbatim. */
  readonly source: string
}

export interface PipelineStore {
  get(id: string): PipelineConfiguration | undefined
  /** Every stored id, in the order ES lists them (the lead's cluster state decides). */
  ids(): string[]
  /** `ifVersion`: the PUT's `if_version`, checked against the stored pipeline's version (null: none). */
  put(id: string, config: PipelineConfiguration, ifVersion: number | null): Promise<void>
  delete(id: string): Promise<boolean>
}
