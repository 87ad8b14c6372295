/**
 * A Kafka tool that registers no shutdown hook (the admin tools: TopicCommand, ConsumerGroupCommand,
 * ConfigCommand, ...) as its JVM ends on a signal: Ctrl+C, the console's Stop or `kill` ends it at once, whatever
 * it waits on (an admin call to a cluster that does not answer waits up to default.api.timeout.ms), with
 * 128 + the signal's number (130 for Ctrl+C) and nothing more on its streams, since no hook of its own prints.
 *
 * Invariants: once the signal came, nothing the tool's body goes on to write reaches the terminal, and the admin
 * clients it opened are closed (their calls still retrying give up at their next attempt; a halted JVM's threads
 * simply stop). The scenario runner's idle interrupt (Interrupt.idle) passes such a tool by, as it passes `sleep`:
 * an admin tool ends by itself (its calls time out), so a learner would not have pressed Ctrl+C on it.
 */
import type { Admin, KafkaClients } from '../../clients/kafka/api.ts'
import { interruptExitCode, type Tool, type ToolOutput } from '../tool.ts'

export function exitsOnSignal(tool: Tool): Tool {
  return async (argv, context) => {
    const { interrupt } = context
    if (interrupt.idle === true) return tool(argv, context)
    let halted = false
    const admins: Admin[] = []
    const out: ToolOutput = {
      stdout: (text) => {
        if (!halted) context.out.stdout(text)
      },
      stderr: (text) => {
        if (!halted) context.out.stderr(text)
      },
      stdoutClosed: () => context.out.stdoutClosed?.() ?? false,
    }
    const kafka: KafkaClients = {
      admin: (bootstrapServers, log) => {
        const admin = context.kafka.admin(bootstrapServers, log)
        admins.push(admin)
        return admin
      },
      producer: (bootstrapServers, config, log) => context.kafka.producer(bootstrapServers, config, log),
      consumer: (bootstrapServers, config, log) => context.kafka.consumer(bootstrapServers, config, log),
    }
    const running = tool(argv, { ...context, out, kafka })
    const exitCode = await Promise.race([running, interrupt.whenInterrupted.then(() => null)])
    if (exitCode !== null) return exitCode
    halted = true
    // What the body still does (a call failing once its client is closed) is no one's to see.
    running.catch(() => undefined)
    await Promise.all(admins.map((admin) => admin.close()))
    return interruptExitCode(interrupt)
  }
}
