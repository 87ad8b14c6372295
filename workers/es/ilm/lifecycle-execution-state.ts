/**
 * LifecycleExecutionState: where a managed index stands in its policy (the index metadata's `ilm` custom data
 * in ES), kept on the index's metadata as `lifecycleState`. A step key is (phase, action, step); times are
 * epoch millis. `phaseDefinition` is PhaseExecutionInfo's JSON (`{"policy", "phase_definition"?, "version",
 * "modified_date_in_millis"}`) of the phase the index entered, so a later policy change does not move it.
 * In the ERROR step, `failedStep` names the step that failed and `stepInfo` holds the failure as JSON.
 */
export interface LifecycleExecutionState {
  readonly phase?: string
  readonly action?: string
  readonly step?: string
  readonly failedStep?: string
  readonly isAutoRetryableError?: boolean
  readonly failedStepRetryCount?: number
  readonly stepInfo?: string
  readonly phaseDefinition?: string
  readonly lifecycleDate?: number
  readonly phaseTime?: number
  readonly actionTime?: number
  readonly stepTime?: number
}

export const ERROR_STEP = 'ERROR'
