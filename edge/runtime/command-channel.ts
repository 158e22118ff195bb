/**
 * @module edge/runtime/command-channel
 * Operator commands for this region's signals (core `signal.command`) come from the center's broker;
 * the node checks and applies each, and its answer (`signal.command.result`) goes back on the same
 * connection. What is not a valid command for this region is dropped and counted by the node.
 */
import { signalCommandResultTopic } from '../../core/index.ts';
import { connectCommandSubscriber, type CommandSubscriber } from '../adapters/mqtt/index.ts';
import type { EdgeNode } from '../node/index.ts';
import type { EdgeRuntimeOptions } from './edge-runtime-options.ts';

/** Subscribe to the region's commands on the center's broker; resolves once subscribed. */
export async function connectCommandChannel(
  options: Pick<
    EdgeRuntimeOptions,
    'edgeId' | 'region' | 'fieldMqttUrl' | 'centerMqttUrl' | 'centerAuth' | 'clientIds' | 'log'
  >,
  node: EdgeNode,
): Promise<CommandSubscriber> {
  const { edgeId, region } = options;
  const resultTopic = signalCommandResultTopic(region, edgeId);
  const commands = await connectCommandSubscriber({
    url: options.centerMqttUrl ?? options.fieldMqttUrl,
    clientId: options.clientIds?.commands ?? `its-${edgeId}-cmd`,
    region,
    ...(options.centerAuth === undefined ? {} : { auth: options.centerAuth }),
    onMessage: (topic, payload) => {
      const result = node.command(topic, payload);
      if (result === null) return;
      options.log(
        `${edgeId}: command ${result.commandId} for ${result.intersectionId} ${result.status}: ` +
          `${result.reason ?? ''} ${result.detail}`,
      );
      commands.publish(resultTopic, JSON.stringify(result)).catch((err: unknown) => {
        options.log(`${edgeId}: answer to command ${result.commandId} not sent: ${(err as Error).message}`);
      });
    },
  });
  return commands;
}
