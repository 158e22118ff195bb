/**
 * @module center/commands
 * Operator signal commands: what was issued, and the edges' answers (`signal.command.result`).
 */
export {
  CommandLog,
  type CommandLogOptions,
  type CommandStatusView,
  type IssuedCommand,
} from './command-log.ts';
export {
  COMMAND_RESULT_FILTER,
  CommandResults,
  isCommandResultTopic,
  type CommandResultOutcome,
  type CommandResultRejectReason,
  type CommandResultsOptions,
} from './command-results.ts';
export { commandRoutes } from './command-routes.ts';
